package io.courier.registry.zookeeper;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.RegistryOptions;
import io.courier.registry.zookeeper.testing.EnsembleSpecs;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/** Servers, registries and instances for the registry's tests; every server is on 127.0.0.1. */
final class ZooKeeperTesting {

    /** A short tick keeps sessions short: the server accepts 1 to 20 ticks. */
    static final int TICK_MILLIS = 200;

    static final int SESSION_TIMEOUT_MILLIS = 2_000;
    static final int CONNECTION_TIMEOUT_MILLIS = 1_000;

    private ZooKeeperTesting() {}

    static TestingServer startServer() throws Exception {
        return new TestingServer(spec(TICK_MILLIS), true);
    }

    /** A spec on a random port; sessions may last 1 to 20 ticks of {@code tickMillis}. */
    static InstanceSpec spec(int tickMillis) {
        return EnsembleSpecs.spec(tickMillis);
    }

    static RegistryOptions.Builder options(String connectString) {
        return RegistryOptions.builder(ZooKeeperRegistryFactory.SCHEME + connectString)
                .sessionTimeoutMillis(SESSION_TIMEOUT_MILLIS)
                .connectionTimeoutMillis(CONNECTION_TIMEOUT_MILLIS);
    }

    static ZooKeeperRegistry registry(RegistryOptions options) {
        return (ZooKeeperRegistry) new ZooKeeperRegistryFactory().create(options);
    }

    static ZooKeeperRegistry registry(String connectString) {
        return registry(options(connectString).build());
    }

    static ServiceInstance instance(ServiceKey serviceKey, int port) {
        return ServiceInstance.builder(serviceKey, Endpoint.of("127.0.0.1", port))
                .application("test-app")
                .weight(100)
                .tags(Set.of("blue"))
                .startedAtMillis(1_700_000_000_000L)
                .warmupMillis(10_000)
                .serializers(List.of("protostuff", "hessian"))
                .methods(List.of("find(J)", "save(Lcom/example/Order;)"))
                .build();
    }

    /** A plain Curator client for looking at (and tampering with) the tree as an operator would. */
    static CuratorFramework inspector(String connectString) throws InterruptedException {
        // The longest session the server grants (20 ticks): the inspector only watches, and on a loaded
        // machine a 2 s session of its own expired under a test that was checking someone else's.
        CuratorFramework client = CuratorFrameworkFactory.newClient(
                connectString, 20 * TICK_MILLIS, CONNECTION_TIMEOUT_MILLIS, new RetryOneTime(100));
        client.start();
        if (!client.blockUntilConnected(10, TimeUnit.SECONDS)) {
            client.close();
            throw new IllegalStateException("Could not connect to " + connectString);
        }
        return client;
    }

    /** The current session id of {@code registry}'s client, or 0 while it has none. */
    static long sessionId(ZooKeeperRegistry registry) throws Exception {
        return registry.curator().getZookeeperClient().getZooKeeper().getSessionId();
    }

    /**
     * Expires {@code registry}'s session on the server, as a real expiry does: another handle joins
     * the session with its id and password and closes it, which deletes its ephemeral nodes.
     */
    static void expireSession(ZooKeeperRegistry registry, String connectString) throws Exception {
        ZooKeeper zooKeeper = registry.curator().getZookeeperClient().getZooKeeper();
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper twin = new ZooKeeper(
                connectString,
                SESSION_TIMEOUT_MILLIS,
                event -> {
                    if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                        connected.countDown();
                    }
                },
                zooKeeper.getSessionId(),
                zooKeeper.getSessionPasswd());
        try {
            if (!connected.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The twin handle did not connect");
            }
        } finally {
            twin.close();
        }
    }
}
