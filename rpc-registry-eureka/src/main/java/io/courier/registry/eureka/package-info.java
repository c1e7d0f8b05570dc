/**
 * A {@link io.courier.api.registry.Registry} on a Eureka server: the {@code eureka} {@link
 * io.courier.api.registry.RegistryFactory} extension. Providers register as instances of their
 * application, consumers poll the registry; the layout and what is not offered are in {@code
 * docs/registry.md}, section "The Eureka registry".
 *
 * <p>Why Eureka's REST API through the JDK's {@code HttpClient} and Jackson, not Netflix's eureka-client:
 * the client brings Jersey, Apache HttpClient, XStream and Jettison onto the application's class path
 * (a second JAX-RS runtime beside the one an application may already have) and is built around one
 * process-wide {@code DiscoveryClient} with its own configuration system; Courier needs four calls
 * (register, renew, cancel, fetch), which the server documents and which keep the module to one
 * dependency already on Courier's class path.
 */
package io.courier.registry.eureka;
