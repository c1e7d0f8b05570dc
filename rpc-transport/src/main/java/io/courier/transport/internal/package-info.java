/**
 * The transport's moving parts: event loops, connection pools, in-flight tables, pipeline handlers
 * and executors. Not part of the public API: anything here may change or disappear in any release.
 */
package io.courier.transport.internal;
