/**
 * The {@link io.courier.api.proxy.ProxyFactory} implementations: {@code javassist} (generated classes,
 * the default) and {@code jdk} ({@link java.lang.reflect.Proxy} and method handles).
 */
package io.courier.proxy;
