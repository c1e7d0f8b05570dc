/**
 * A {@link io.courier.api.registry.Registry} on the Kubernetes API through the fabric8 client: the {@code
 * kubernetes} {@link io.courier.api.registry.RegistryFactory} extension. Providers are the ready endpoints of
 * EndpointSlices; the layout and what is not offered are described in {@code docs/registry.md}, section "The
 * Kubernetes registry".
 */
package io.courier.registry.kubernetes;
