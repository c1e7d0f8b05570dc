/**
 * Courier on the workload with its default settings (protostuff, javassist proxies, the default filter chain, the
 * provider's thread pool), the consumer connected straight to the provider's address without a registry.
 */
package io.courier.bench.courier;
