/**
 * A {@link io.courier.api.registry.Registry} on ZooKeeper through Apache Curator: the {@code zookeeper} and
 * {@code embedded} {@link io.courier.api.registry.RegistryFactory} extensions and an in-process ZooKeeper for
 * development. The node layout, data formats and failure behaviour are described in
 * {@code docs/registry.md}.
 */
package io.courier.registry.zookeeper;
