package io.courier.registry.zookeeper;

import static io.courier.registry.zookeeper.SessionFailureTest.ownerOf;
import static io.courier.registry.zookeeper.ZooKeeperTesting.inspector;
import static io.courier.registry.zookeeper.ZooKeeperTesting.instance;
import static io.courier.registry.zookeeper.ZooKeeperTesting.options;
import static io.courier.registry.zookeeper.ZooKeeperTesting.registry;
import static io.courier.registry.zookeeper.ZooKeeperTesting.sessionId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.ServiceKey;
import io.courier.api.registry.RegistryContractSnapshots;
import io.courier.registry.zookeeper.testing.EnsembleSpecs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A three-server ensemble losing the server a client uses, then its quorum. */
@Timeout(120)
class EnsembleFailureTest {

    private static final ServiceKey ORDERS = ServiceKey.parse("io.example.Orders");
    private static final String NODE = "/courier/io.example.Orders/providers/127.0.0.1:20880";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int SESSION_TIMEOUT_MILLIS = 4_000;

    private TestingCluster cluster;

    @BeforeEach
    void startEnsemble() throws Exception {
        cluster = new TestingCluster(EnsembleSpecs.ensemble(ZooKeeperTesting.TICK_MILLIS));
        cluster.start();
    }

    @AfterEach
    void stopEnsemble() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void killingTheServerAProviderUses_changesNothingForItsConsumers() throws Exception {
        String connect = cluster.getConnectString();
        try (ZooKeeperRegistry provider = registry(options(connect)
                        .sessionTimeoutMillis(SESSION_TIMEOUT_MILLIS)
                        .build());
                ZooKeeperRegistry consumer = registry(options(connect)
                        .sessionTimeoutMillis(SESSION_TIMEOUT_MILLIS)
                        .emptyProtection(false)
                        .build());
                CuratorFramework inspector = inspector(connect)) {
            RegistryContractSnapshots recorder = new RegistryContractSnapshots();
            consumer.subscribe(ORDERS, recorder);
            provider.register(instance(ORDERS, 20880));
            await().atMost(WAIT).until(() -> recorder.latestEndpoints().size() == 1);
            long session = sessionId(provider);
            Stat before = inspector.checkExists().forPath(NODE);

            InstanceSpec used = cluster.findConnectionInstance(
                    provider.curator().getZookeeperClient().getZooKeeper());
            assertThat(cluster.killServer(used)).isTrue();

            await().atMost(WAIT)
                    .until(() -> provider.curator().getZookeeperClient().isConnected()
                            && consumer.curator().getZookeeperClient().isConnected());
            await().during(Duration.ofSeconds(1))
                    .atMost(WAIT)
                    .until(() -> recorder.latestEndpoints().size() == 1);
            assertThat(sessionId(provider)).isEqualTo(session);
            Stat after = inspector.checkExists().forPath(NODE);
            assertThat(after.getCzxid()).isEqualTo(before.getCzxid());
            assertThat(after.getMzxid()).isEqualTo(before.getMzxid());
            assertThat(recorder.lostAllProviders()).isFalse();
        }
    }

    @Test
    void losingTheQuorumForTenSeconds_keepsTheListAndRegistrationsConvergeWithinFiveSeconds() throws Exception {
        String connect = cluster.getConnectString();
        try (ZooKeeperRegistry provider = registry(options(connect)
                        .sessionTimeoutMillis(SESSION_TIMEOUT_MILLIS)
                        .build());
                ZooKeeperRegistry consumer = registry(options(connect)
                        .sessionTimeoutMillis(SESSION_TIMEOUT_MILLIS)
                        .emptyProtection(false)
                        .build());
                ZooKeeperRegistry protectedConsumer = registry(options(connect)
                        .sessionTimeoutMillis(SESSION_TIMEOUT_MILLIS)
                        .build())) {
            RegistryContractSnapshots recorder = new RegistryContractSnapshots();
            RegistryContractSnapshots protectedRecorder = new RegistryContractSnapshots();
            consumer.subscribe(ORDERS, recorder);
            protectedConsumer.subscribe(ORDERS, protectedRecorder);
            provider.register(instance(ORDERS, 20880));
            provider.register(instance(ORDERS, 20881));
            await().atMost(WAIT).until(() -> recorder.latestEndpoints().size() == 2);
            await().atMost(WAIT).until(() -> protectedRecorder.latestEndpoints().size() == 2);
            long sessionBefore = sessionId(provider);

            List<InstanceSpec> killed = new ArrayList<>(cluster.getInstances()).subList(0, 2);
            for (InstanceSpec server : killed) {
                assertThat(cluster.killServer(server)).isTrue();
            }
            // no quorum: every client is cut off, and sessions run out meanwhile
            await().during(Duration.ofSeconds(10))
                    .atMost(Duration.ofSeconds(12))
                    .until(() -> recorder.latestEndpoints().size() == 2
                            && protectedRecorder.latestEndpoints().size() == 2);
            for (InstanceSpec server : killed) {
                assertThat(cluster.restartServer(server)).isTrue();
            }
            long back = System.nanoTime();

            try (CuratorFramework inspector = inspector(connect)) {
                await().atMost(Duration.ofSeconds(5).minusNanos(System.nanoTime() - back))
                        .until(() -> {
                            long current = sessionId(provider);
                            return current != 0
                                    && provider.curator().getZookeeperClient().isConnected()
                                    && ownerOf(inspector, NODE) == current
                                    && ownerOf(inspector, NODE.replace("20880", "20881")) == current
                                    && inspector
                                                    .getChildren()
                                                    .forPath("/courier/io.example.Orders/providers")
                                                    .size()
                                            == 2;
                        });
            }
            assertThat(sessionId(provider)).as("a new session").isNotEqualTo(sessionBefore);
            await().atMost(WAIT).until(() -> recorder.latestEndpoints().size() == 2);
            assertThat(protectedRecorder.lostAllProviders()).isFalse();
        }
    }
}
