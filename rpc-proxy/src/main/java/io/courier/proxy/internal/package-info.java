/**
 * How rpc-proxy generates and runs proxies and dispatchers. Not part of Courier's API: generated
 * classes call the public types here, and anything in this package may change in any release.
 */
package io.courier.proxy.internal;
