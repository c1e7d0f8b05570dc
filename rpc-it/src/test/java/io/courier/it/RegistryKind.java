package io.courier.it;

/** The registry a {@link Fleet}'s applications find each other through; scenarios run on each. */
enum RegistryKind {
    /** A ZooKeeper server in the test JVM ({@link ZooKeeperHarness}). */
    ZOOKEEPER,
    /** A single-member etcd, Debian's binary in a process of its own ({@link EtcdCluster}). */
    ETCD
}
