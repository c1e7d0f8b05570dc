/**
 * Helpers shared by Courier's own modules. Not part of the public API: anything here may change
 * or disappear in any release.
 */
package io.courier.api.internal;
