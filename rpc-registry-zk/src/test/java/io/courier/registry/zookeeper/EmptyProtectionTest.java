package io.courier.registry.zookeeper;

import static io.courier.registry.zookeeper.ZooKeeperTesting.inspector;
import static io.courier.registry.zookeeper.ZooKeeperTesting.instance;
import static io.courier.registry.zookeeper.ZooKeeperTesting.options;
import static io.courier.registry.zookeeper.ZooKeeperTesting.registry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.Endpoint;
import io.courier.api.ServiceKey;
import io.courier.registry.zookeeper.internal.InstanceCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every provider node wiped while the providers still run. The providers' nodes are written by a
 * separate client (the registrar of a real provider would put them back at once), and "still
 * running" is what the consumer's reachability check says.
 */
@Timeout(60)
class EmptyProtectionTest {

    private static final ServiceKey ORDERS = ServiceKey.parse("io.example.Orders");
    private static final String PROVIDERS = "/courier/io.example.Orders/providers";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private TestingServer server;
    private CuratorFramework providers;
    private final Set<Endpoint> connected = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void startProviders() throws Exception {
        server = ZooKeeperTesting.startServer();
        providers = inspector(server.getConnectString());
        for (int port : new int[] {20880, 20881}) {
            providers
                    .create()
                    .creatingParentContainersIfNeeded()
                    .withMode(CreateMode.EPHEMERAL)
                    .forPath(PROVIDERS + "/127.0.0.1:" + port, InstanceCodec.encode(instance(ORDERS, port)));
            connected.add(Endpoint.of("127.0.0.1", port));
        }
    }

    @AfterEach
    void stopProviders() throws Exception {
        providers.close();
        server.close();
    }

    @Test
    void withProtection_anEmptyPushWhileProvidersAreReachable_keepsTheList() throws Exception {
        try (ZooKeeperRegistry consumer = registry(server.getConnectString())) {
            SnapshotRecorder recorder = new SnapshotRecorder();
            consumer.subscribe(ORDERS, recorder, connected::contains);
            await().atMost(WAIT).until(() -> recorder.latestEndpoints().size() == 2);

            wipeProviderNodes();

            await().during(Duration.ofMillis(2_500))
                    .atMost(WAIT)
                    .until(() -> recorder.latestEndpoints().size() == 2);
            assertThat(recorder.lostAllProviders()).isFalse();
        }
    }

    @Test
    void withProtection_theEmptyListIsDeliveredOnceNoProviderIsReachable() throws Exception {
        try (ZooKeeperRegistry consumer = registry(server.getConnectString())) {
            SnapshotRecorder recorder = new SnapshotRecorder();
            consumer.subscribe(ORDERS, recorder, connected::contains);
            await().atMost(WAIT).until(() -> recorder.latestEndpoints().size() == 2);
            wipeProviderNodes();
            await().during(Duration.ofMillis(300))
                    .atMost(WAIT)
                    .until(() -> recorder.latestEndpoints().size() == 2);

            connected.clear(); // the transport lost both connections

            await().atMost(Duration.ofSeconds(3)).until(() -> recorder.latest().isEmpty());
        }
    }

    @Test
    void withoutProtection_anEmptyPushEmptiesTheListWithinOneSecond() throws Exception {
        try (ZooKeeperRegistry consumer = registry(
                options(server.getConnectString()).emptyProtection(false).build())) {
            SnapshotRecorder recorder = new SnapshotRecorder();
            consumer.subscribe(ORDERS, recorder, connected::contains);
            await().atMost(WAIT).until(() -> recorder.latestEndpoints().size() == 2);

            wipeProviderNodes();

            await().atMost(Duration.ofSeconds(1)).until(() -> recorder.latest().isEmpty());
        }
    }

    @Test
    void withProtection_aPartialRemovalIsDeliveredAsUsual() throws Exception {
        try (ZooKeeperRegistry consumer = registry(server.getConnectString())) {
            SnapshotRecorder recorder = new SnapshotRecorder();
            consumer.subscribe(ORDERS, recorder, connected::contains);
            await().atMost(WAIT).until(() -> recorder.latestEndpoints().size() == 2);

            providers.delete().forPath(PROVIDERS + "/127.0.0.1:20880");

            await().atMost(Duration.ofSeconds(1))
                    .until(() -> recorder.latestEndpoints().equals(List.of(Endpoint.of("127.0.0.1", 20881))));
        }
    }

    /** Deletes every provider node in one transaction, as a lost ZooKeeper volume or an operator's slip would. */
    private void wipeProviderNodes() throws Exception {
        List<CuratorOp> deletes = new ArrayList<>();
        for (String child : providers.getChildren().forPath(PROVIDERS)) {
            deletes.add(providers.transactionOp().delete().forPath(PROVIDERS + "/" + child));
        }
        providers.transaction().forOperations(deletes);
    }
}
