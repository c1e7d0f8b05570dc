/**
 * A {@link io.courier.api.registry.Registry} on etcd v3 through the official jetcd client: the {@code etcd}
 * {@link io.courier.api.registry.RegistryFactory} extension. The key layout, the lease and the watch
 * behaviour are described in {@code docs/registry.md}, section "The etcd registry".
 */
package io.courier.registry.etcd;
