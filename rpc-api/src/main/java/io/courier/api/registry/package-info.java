/**
 * Where services are published and found: the {@link io.courier.api.registry.Registry} extension
 * point, the factory it is found through ({@link io.courier.api.registry.RegistryFactory}, listed in
 * {@code META-INF/services/io.courier.api.registry.RegistryFactory}) and its options. The instance a
 * registry publishes ({@link io.courier.api.ServiceInstance}) stays in {@code io.courier.api}: a
 * service's options and the cluster's candidates are built from it too.
 */
package io.courier.api.registry;
