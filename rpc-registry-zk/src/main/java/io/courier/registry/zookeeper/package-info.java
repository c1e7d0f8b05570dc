/** A {@link io.courier.api.Registry} on ZooKeeper through Apache Curator. */
package io.courier.registry.zookeeper;
