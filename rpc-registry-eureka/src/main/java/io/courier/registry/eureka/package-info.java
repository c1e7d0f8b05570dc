/**
 * A {@link io.courier.api.registry.Registry} on a Eureka server: the {@code eureka} {@link
 * io.courier.api.registry.RegistryFactory} extension. Providers register as instances of their
 * application, consumers poll the registry; the layout and what is not offered are in {@code
 * docs/registry.md}, section "The Eureka registry".
 *
 * <p>Why Eureka's REST API through the JDK's {@code HttpClient} and Jackson, not Netflix's eureka-client:
 * eureka-client 2.0 brings XStream, Archaius 1 with Apache Commons Configuration, Apache HttpClient 4,
 * Spectator and the JAX-RS API onto the application's class path, needs a Jersey 3 transport module
 * beside it, and is built around one process-wide {@code DiscoveryClient} with its own configuration
 * system; Courier needs four calls (register, renew, cancel, fetch), which the server documents, and
 * Jackson is already on Courier's class path.
 */
package io.courier.registry.eureka;
