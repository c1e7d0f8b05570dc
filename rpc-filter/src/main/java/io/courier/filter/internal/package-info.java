/**
 * Helpers shared by Courier's filters: future plumbing. Not part
 * of the public API: anything here may change or disappear in any release.
 */
package io.courier.filter.internal;
