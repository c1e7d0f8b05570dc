package io.courier.registry.zookeeper;

import static io.courier.registry.zookeeper.ZooKeeperTesting.SESSION_TIMEOUT_MILLIS;
import static io.courier.registry.zookeeper.ZooKeeperTesting.expireSession;
import static io.courier.registry.zookeeper.ZooKeeperTesting.inspector;
import static io.courier.registry.zookeeper.ZooKeeperTesting.instance;
import static io.courier.registry.zookeeper.ZooKeeperTesting.options;
import static io.courier.registry.zookeeper.ZooKeeperTesting.registry;
import static io.courier.registry.zookeeper.ZooKeeperTesting.sessionId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.RegistryContractSnapshots;
import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.KillSession;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connection losses, server restarts and session expiries, as the provider and the consumer live them. */
@Timeout(90)
class SessionFailureTest {

    private static final ServiceKey ORDERS = ServiceKey.parse("io.example.Orders");
    private static final ServiceKey STOCK = ServiceKey.parse("io.example.Stock");
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void zooKeeperStoppedOneSecond_keepsTheSameNodeAndNoSubscriberSeesAChange() throws Exception {
        // a 500 ms tick lets sessions outlive a restart comfortably
        try (TestingServer server = new TestingServer(ZooKeeperTesting.spec(500), true)) {
            String connect = server.getConnectString();
            int session = 8_000;
            try (ZooKeeperRegistry provider = registry(
                            options(connect).sessionTimeoutMillis(session).build());
                    ZooKeeperRegistry consumer = registry(options(connect)
                            .sessionTimeoutMillis(session)
                            .emptyProtection(false)
                            .build());
                    CuratorFramework inspector = inspector(connect)) {
                RegistryContractSnapshots recorder = new RegistryContractSnapshots();
                consumer.subscribe(ORDERS, recorder);
                provider.register(instance(ORDERS, 20880));
                await().atMost(WAIT).until(() -> recorder.latestEndpoints().size() == 1);
                String path = "/courier/io.example.Orders/providers/127.0.0.1:20880";
                Stat before = inspector.checkExists().forPath(path);
                long providerSession = sessionId(provider);
                int deliveries = recorder.deliveries().size();

                server.stop();
                await().during(Duration.ofSeconds(1))
                        .atMost(Duration.ofSeconds(2))
                        .until(() -> recorder.latestEndpoints().size() == 1);
                server.restart();

                await().atMost(WAIT)
                        .until(() -> provider.curator().getZookeeperClient().isConnected()
                                && consumer.curator().getZookeeperClient().isConnected());
                assertThat(sessionId(provider)).isEqualTo(providerSession);
                // the consumer's cache re-reads after reconnecting; nothing it finds may differ
                await().during(Duration.ofMillis(500))
                        .atMost(WAIT)
                        .until(() -> recorder.deliveries().size() == deliveries);
                Stat after = inspector.checkExists().forPath(path);
                assertThat(after.getCzxid()).as("same node").isEqualTo(before.getCzxid());
                assertThat(after.getMzxid()).as("not rewritten").isEqualTo(before.getMzxid());
                assertThat(after.getEphemeralOwner()).isEqualTo(providerSession);
                assertThat(recorder.lostAllProviders()).isFalse();
            }
        }
    }

    @Test
    void sessionExpiredFiveTimes_eachTimeOneNodePerProviderOwnedByTheNewSession() throws Exception {
        try (TestingServer server = ZooKeeperTesting.startServer()) {
            String connect = server.getConnectString();
            try (ZooKeeperRegistry provider = registry(connect);
                    ZooKeeperRegistry consumer =
                            registry(options(connect).emptyProtection(false).build());
                    ZooKeeperRegistry protectedConsumer = registry(connect);
                    CuratorFramework inspector = inspector(connect)) {
                List<ServiceInstance> instances =
                        List.of(instance(ORDERS, 20880), instance(ORDERS, 20881), instance(STOCK, 20880));
                RegistryContractSnapshots orders = new RegistryContractSnapshots();
                RegistryContractSnapshots protectedOrders = new RegistryContractSnapshots();
                consumer.subscribe(ORDERS, orders);
                protectedConsumer.subscribe(ORDERS, protectedOrders);
                instances.forEach(provider::register);
                await().atMost(WAIT).until(() -> orders.latestEndpoints().size() == 2);
                await().atMost(WAIT)
                        .until(() -> protectedOrders.latestEndpoints().size() == 2);

                for (int expiry = 1; expiry <= 5; expiry++) {
                    long expired = sessionId(provider);
                    long start = System.nanoTime();
                    expireSession(provider, connect);

                    await().atMost(Duration.ofMillis(SESSION_TIMEOUT_MILLIS + 1_000))
                            .until(() -> restoredInNewSession(inspector, provider, expired));
                    assertThat(inspector.getChildren().forPath("/courier/io.example.Orders/providers"))
                            .hasSize(2);
                    assertThat(inspector.getChildren().forPath("/courier/io.example.Stock/providers"))
                            .hasSize(1);
                    Duration left = Duration.ofSeconds(3).minusNanos(System.nanoTime() - start);
                    await().atMost(left).until(() -> orders.latestEndpoints().size() == 2);
                }
                assertThat(orders.lostAllProviders())
                        .as("unprotected consumer saw the expiries")
                        .isTrue();
                assertThat(protectedOrders.lostAllProviders()).isFalse();
                assertThat(protectedOrders.overlapped()).isFalse();
            }
        }
    }

    @Test
    void sessionExpired_theConsumerNodeComesBackOwnedByTheNewSession_andGoesOnClose() throws Exception {
        String consumers = "/courier/io.example.Orders/consumers";
        try (TestingServer server = ZooKeeperTesting.startServer();
                CuratorFramework inspector = inspector(server.getConnectString())) {
            String connect = server.getConnectString();
            try (ZooKeeperRegistry consumer =
                    registry(options(connect).application("shop").build())) {
                consumer.subscribe(ORDERS, instances -> {});
                // the consumers node is written in the background: absent until then, not an error
                await().atMost(WAIT)
                        .ignoreExceptionsInstanceOf(KeeperException.NoNodeException.class)
                        .until(() -> inspector.getChildren().forPath(consumers).size() == 1);
                String node = consumers + "/"
                        + inspector.getChildren().forPath(consumers).get(0);
                long expired = sessionId(consumer);
                assertThat(ownerOf(inspector, node)).isEqualTo(expired);

                expireSession(consumer, connect);

                await().atMost(Duration.ofMillis(SESSION_TIMEOUT_MILLIS + 1_000))
                        .ignoreExceptionsInstanceOf(KeeperException.class)
                        .until(() -> {
                            long current = sessionId(consumer);
                            return current != 0 && current != expired && ownerOf(inspector, node) == current;
                        });
                assertThat(inspector.getChildren().forPath(consumers)).hasSize(1);
                assertThat(new String(inspector.getData().forPath(node), java.nio.charset.StandardCharsets.US_ASCII))
                        .contains("\"application\": \"shop\"");
            }
            // The inspector's own session may lapse on a loaded machine; Curator opens another.
            await().atMost(WAIT)
                    .ignoreExceptionsInstanceOf(KeeperException.class)
                    .until(() -> inspector.checkExists().forPath(consumers) == null
                            || inspector.getChildren().forPath(consumers).isEmpty());
        }
    }

    @Test
    void sessionAbandonedByTheClientOnly_replacesTheNodeTheServerStillKeeps() throws Exception {
        try (TestingServer server = ZooKeeperTesting.startServer()) {
            String connect = server.getConnectString();
            try (ZooKeeperRegistry provider = registry(connect);
                    ZooKeeperRegistry consumer = registry(connect);
                    CuratorFramework inspector = inspector(connect)) {
                RegistryContractSnapshots recorder = new RegistryContractSnapshots();
                consumer.subscribe(ORDERS, recorder);
                provider.register(instance(ORDERS, 20880));
                await().atMost(WAIT).until(() -> recorder.latestEndpoints().size() == 1);
                long abandoned = sessionId(provider);

                // the client gives the session up while the server keeps it (and its node) until it times out
                KillSession.kill(provider.curator().getZookeeperClient().getZooKeeper());

                await().atMost(Duration.ofMillis(SESSION_TIMEOUT_MILLIS + 1_000))
                        .until(() -> sessionId(provider) != abandoned
                                && sessionId(provider) != 0
                                && ownerOf(inspector, "/courier/io.example.Orders/providers/127.0.0.1:20880")
                                        == sessionId(provider));
                assertThat(recorder.lostAllProviders()).isFalse();
            }
        }
    }

    @Test
    void registrationWhileZooKeeperIsDown_succeedsOnceItIsUp() throws Exception {
        try (TestingServer server = new TestingServer(ZooKeeperTesting.spec(ZooKeeperTesting.TICK_MILLIS), false)) {
            try (ZooKeeperRegistry provider = registry(server.getConnectString())) {
                provider.register(instance(ORDERS, 20880));

                server.start();

                try (CuratorFramework inspector = inspector(server.getConnectString())) {
                    await().atMost(WAIT)
                            .until(() -> ownerOf(inspector, "/courier/io.example.Orders/providers/127.0.0.1:20880")
                                    == sessionId(provider));
                }
            }
        }
    }

    @Test
    void failedRegistration_isRetriedUntilItSucceeds() throws Exception {
        try (TestingServer server = ZooKeeperTesting.startServer();
                CuratorFramework inspector = inspector(server.getConnectString())) {
            // an operator's mistake: the root is writable by nobody but its creator
            inspector
                    .create()
                    .withACL(List.of(new ACL(ZooDefs.Perms.READ | ZooDefs.Perms.ADMIN, ZooDefs.Ids.ANYONE_ID_UNSAFE)))
                    .forPath("/courier");
            try (ZooKeeperRegistry provider = registry(server.getConnectString())) {
                provider.register(instance(ORDERS, 20880));
                await().during(Duration.ofMillis(700))
                        .atMost(WAIT)
                        .until(() -> inspector.checkExists().forPath("/courier/io.example.Orders") == null);

                inspector.setACL().withACL(ZooDefs.Ids.OPEN_ACL_UNSAFE).forPath("/courier");

                await().atMost(WAIT)
                        .until(() -> ownerOf(inspector, "/courier/io.example.Orders/providers/127.0.0.1:20880")
                                == sessionId(provider));
            }
        }
    }

    private static boolean restoredInNewSession(CuratorFramework inspector, ZooKeeperRegistry provider, long expired)
            throws Exception {
        long current = sessionId(provider);
        if (current == 0 || current == expired) {
            return false;
        }
        return ownerOf(inspector, "/courier/io.example.Orders/providers/127.0.0.1:20880") == current
                && ownerOf(inspector, "/courier/io.example.Orders/providers/127.0.0.1:20881") == current
                && ownerOf(inspector, "/courier/io.example.Stock/providers/127.0.0.1:20880") == current;
    }

    static long ownerOf(CuratorFramework inspector, String path) throws Exception {
        Stat stat = inspector.checkExists().forPath(path);
        return stat == null ? -1 : stat.getEphemeralOwner();
    }
}
