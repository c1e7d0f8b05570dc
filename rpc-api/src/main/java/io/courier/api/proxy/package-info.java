/**
 * The extension point that turns a service interface into calls and calls back into an
 * implementation ({@link io.courier.api.proxy.ProxyFactory}); implemented in rpc-proxy.
 */
package io.courier.api.proxy;
