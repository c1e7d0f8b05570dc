/** ZooKeeper test helpers other modules' tests use too, published in rpc-registry-zk's test-jar. */
package io.courier.registry.zookeeper.testing;
