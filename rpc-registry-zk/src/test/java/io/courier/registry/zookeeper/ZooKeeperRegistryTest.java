package io.courier.registry.zookeeper;

import static io.courier.registry.zookeeper.ZooKeeperTesting.inspector;
import static io.courier.registry.zookeeper.ZooKeeperTesting.instance;
import static io.courier.registry.zookeeper.ZooKeeperTesting.options;
import static io.courier.registry.zookeeper.ZooKeeperTesting.registry;
import static io.courier.registry.zookeeper.ZooKeeperTesting.sessionId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.RegistryContractSnapshots;
import io.courier.core.document.InstanceCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ZooKeeperRegistryTest {

    private static final ServiceKey GREETER = ServiceKey.parse("io.example.Greeter");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private TestingServer server;
    private CuratorFramework inspector;

    @BeforeEach
    void startServer() throws Exception {
        server = ZooKeeperTesting.startServer();
        inspector = inspector(server.getConnectString());
    }

    @AfterEach
    void stopServer() throws Exception {
        inspector.close();
        server.close();
    }

    @Test
    void register_createsEphemeralProviderNodeOwnedBySessionWithVersionedJson() throws Exception {
        ServiceInstance instance = instance(GREETER, 20880);
        try (ZooKeeperRegistry provider = registry(server.getConnectString())) {
            provider.register(instance);

            String path = "/courier/io.example.Greeter/providers/127.0.0.1:20880";
            await().atMost(WAIT).until(() -> inspector.checkExists().forPath(path) != null);
            Stat stat = inspector.checkExists().forPath(path);
            assertThat(stat.getEphemeralOwner()).isEqualTo(sessionId(provider));
            byte[] data = inspector.getData().forPath(path);
            assertThat(new String(data, StandardCharsets.US_ASCII)).startsWith("{\"format\": 1, ");
            assertThat(InstanceCodec.decode(data)).isEqualTo(instance);
        }
    }

    @Test
    void registration_completesOnceTheNodeExists_andStaysPendingWhileZooKeeperIsDown() throws Exception {
        ServiceInstance instance = instance(GREETER, 20880);
        String path = "/courier/io.example.Greeter/providers/127.0.0.1:20880";
        try (ZooKeeperRegistry provider = registry(server.getConnectString())) {
            provider.register(instance);

            assertThat(provider.registration(instance)).succeedsWithin(WAIT);
            assertThat(inspector.checkExists().forPath(path))
                    .as("the node exists once acknowledged")
                    .isNotNull();

            server.stop();
            ServiceInstance heavier = instance.toBuilder().weight(7).build();
            provider.register(heavier);
            java.util.concurrent.CompletableFuture<Void> pending = provider.registration(heavier);
            assertThat(pending)
                    .as("new metadata cannot be acknowledged while ZooKeeper is down")
                    .isNotDone();
            await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> !pending.isDone());

            server.restart();
            assertThat(pending).succeedsWithin(Duration.ofSeconds(30));
            assertThat(InstanceCodec.decode(inspector.getData().forPath(path)).weight())
                    .isEqualTo(7);
        }
    }

    @Test
    void subscribe_deliversFullSortedSnapshotsAsProvidersComeAndGo() {
        try (ZooKeeperRegistry provider = registry(server.getConnectString());
                ZooKeeperRegistry consumer = registry(options(server.getConnectString())
                        .emptyProtection(false)
                        .build())) {
            RegistryContractSnapshots recorder = new RegistryContractSnapshots();
            consumer.subscribe(GREETER, recorder);

            provider.register(instance(GREETER, 20882));
            provider.register(instance(GREETER, 20881));
            await().atMost(WAIT).until(recorder::latestEndpoints, equalTo(List.of(endpoint(20881), endpoint(20882))));

            provider.unregister(instance(GREETER, 20881));
            await().atMost(WAIT).until(recorder::latestEndpoints, equalTo(List.of(endpoint(20882))));

            provider.unregister(instance(GREETER, 20882));
            await().atMost(WAIT)
                    .until(() -> recorder.latest() != null && recorder.latest().isEmpty());

            for (List<ServiceInstance> delivery : recorder.deliveries()) {
                assertThat(delivery).isUnmodifiable();
            }
            assertThat(recorder.overlapped()).isFalse();
        }
    }

    @Test
    void changesWhileTheConsumerWasCutOff_areAllSeenOnceItIsBack() throws Exception {
        String providers = "/courier/io.example.Greeter/providers/";
        try (PartitionProxy link = new PartitionProxy(server.getPort());
                CuratorFramework operator = inspector(server.getConnectString());
                ZooKeeperRegistry consumer = registry(
                        options(link.connectString()).emptyProtection(false).build())) {
            for (int port : new int[] {20881, 20882}) {
                operator.create()
                        .creatingParentContainersIfNeeded()
                        .forPath(providers + endpoint(port), InstanceCodec.encode(instance(GREETER, port)));
            }
            RegistryContractSnapshots recorder = new RegistryContractSnapshots();
            consumer.subscribe(GREETER, recorder);
            await().atMost(WAIT).until(recorder::latestEndpoints, equalTo(List.of(endpoint(20881), endpoint(20882))));
            link.partition();
            await().atMost(WAIT)
                    .until(() -> !consumer.curator().getZookeeperClient().isConnected());
            // meanwhile: one provider leaves, one is replaced (same version 0, new data), one arrives
            operator.delete().forPath(providers + endpoint(20881));
            operator.delete().forPath(providers + endpoint(20882));
            operator.create()
                    .forPath(
                            providers + endpoint(20882),
                            InstanceCodec.encode(instance(GREETER, 20882).toBuilder()
                                    .weight(7)
                                    .build()));
            operator.create().forPath(providers + endpoint(20883), InstanceCodec.encode(instance(GREETER, 20883)));
            link.heal();

            await().atMost(Duration.ofSeconds(15))
                    .until(recorder::latestEndpoints, equalTo(List.of(endpoint(20882), endpoint(20883))));
            await().atMost(WAIT).until(() -> recorder.latest().get(0).weight() == 7);
        }
    }

    @Test
    void registerAgain_updatesTheSameNodeAndSubscribersSeeTheNewMetadata() throws Exception {
        try (ZooKeeperRegistry provider = registry(server.getConnectString());
                ZooKeeperRegistry consumer = registry(server.getConnectString())) {
            RegistryContractSnapshots recorder = new RegistryContractSnapshots();
            consumer.subscribe(GREETER, recorder);
            provider.register(instance(GREETER, 20880));
            await().atMost(WAIT)
                    .until(() -> recorder.latest() != null && recorder.latest().size() == 1);
            String path = "/courier/io.example.Greeter/providers/127.0.0.1:20880";
            long created = inspector.checkExists().forPath(path).getCzxid();

            provider.register(instance(GREETER, 20880).toBuilder().weight(7).build());

            await().atMost(WAIT).until(() -> recorder.latest().get(0).weight() == 7);
            assertThat(inspector.checkExists().forPath(path).getCzxid()).isEqualTo(created);
        }
    }

    @Test
    void subscribe_announcesTheConsumerUntilTheLastSubscriptionCloses() throws Exception {
        try (ZooKeeperRegistry consumer =
                registry(options(server.getConnectString()).application("shop").build())) {
            AutoCloseable first = consumer.subscribe(GREETER, instances -> {});
            AutoCloseable second = consumer.subscribe(GREETER, instances -> {});
            String consumers = "/courier/io.example.Greeter/consumers";
            await().atMost(WAIT).until(() -> children(consumers).size() == 1);
            String node = consumers + "/" + children(consumers).get(0);
            assertThat(new String(inspector.getData().forPath(node), StandardCharsets.US_ASCII))
                    .contains("\"application\": \"shop\"")
                    .contains("\"pid\": " + ProcessHandle.current().pid());

            first.close();
            assertThat(children(consumers)).hasSize(1);
            second.close();
            second.close(); // idempotent
            await().atMost(WAIT).until(() -> children(consumers).isEmpty());
        }
    }

    @Test
    void subscribersOfOneService_allReceiveTheList() {
        try (ZooKeeperRegistry provider = registry(server.getConnectString());
                ZooKeeperRegistry consumer = registry(server.getConnectString())) {
            RegistryContractSnapshots first = new RegistryContractSnapshots();
            RegistryContractSnapshots second = new RegistryContractSnapshots();
            consumer.subscribe(GREETER, first);
            provider.register(instance(GREETER, 20880));
            await().atMost(WAIT).until(first::latestEndpoints, equalTo(List.of(endpoint(20880))));

            consumer.subscribe(GREETER, second); // joins a watch that is already running

            await().atMost(WAIT).until(second::latestEndpoints, equalTo(List.of(endpoint(20880))));
        }
    }

    @Test
    void failingListener_stillReceivesLaterLists() {
        try (ZooKeeperRegistry provider = registry(server.getConnectString());
                ZooKeeperRegistry consumer = registry(server.getConnectString())) {
            RegistryContractSnapshots recorder = new RegistryContractSnapshots();
            consumer.subscribe(GREETER, instances -> {
                recorder.accept(instances);
                throw new IllegalStateException("listener bug");
            });
            provider.register(instance(GREETER, 20880));
            await().atMost(WAIT).until(recorder::latestEndpoints, equalTo(List.of(endpoint(20880))));

            provider.register(instance(GREETER, 20881));

            await().atMost(WAIT).until(recorder::latestEndpoints, equalTo(List.of(endpoint(20880), endpoint(20881))));
        }
    }

    @Test
    void closingTheProvidersRegistry_removesItsNodesAtOnce() {
        ZooKeeperRegistry provider = registry(server.getConnectString());
        try (ZooKeeperRegistry consumer = registry(
                options(server.getConnectString()).emptyProtection(false).build())) {
            RegistryContractSnapshots recorder = new RegistryContractSnapshots();
            consumer.subscribe(GREETER, recorder);
            provider.register(instance(GREETER, 20880));
            await().atMost(WAIT).until(recorder::latestEndpoints, equalTo(List.of(endpoint(20880))));

            provider.close();

            // far sooner than the session timeout: closing the session deletes its ephemeral nodes
            await().atMost(Duration.ofMillis(ZooKeeperTesting.SESSION_TIMEOUT_MILLIS / 2))
                    .until(() -> recorder.latest().isEmpty());
        } finally {
            provider.close();
        }
    }

    @Test
    void closedRegistry_refusesEveryCall() {
        ZooKeeperRegistry registry = registry(server.getConnectString());
        registry.close();
        registry.close(); // idempotent

        assertThatThrownBy(() -> registry.register(instance(GREETER, 1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> registry.subscribe(GREETER, instances -> {}))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> registry.watchConfig(GREETER, config -> {})).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void providerNodeWithBadData_isLeftOutWhileGoodOnesAreDelivered() throws Exception {
        try (ZooKeeperRegistry provider = registry(server.getConnectString());
                ZooKeeperRegistry consumer = registry(server.getConnectString())) {
            String providers = "/courier/io.example.Greeter/providers";
            inspector.create().creatingParentsIfNeeded().forPath(providers + "/10.0.0.9:1", "{not json".getBytes());
            inspector.create().forPath(providers + "/10.0.0.9:2", InstanceCodec.encode(instance(GREETER, 3)));
            RegistryContractSnapshots recorder = new RegistryContractSnapshots();
            consumer.subscribe(GREETER, recorder);

            provider.register(instance(GREETER, 20880));

            await().atMost(WAIT).until(recorder::latestEndpoints, equalTo(List.of(endpoint(20880))));
        }
    }

    @Test
    void serviceKeyWithGroupAndVersion_isOnePathSegment() throws Exception {
        ServiceKey key = ServiceKey.parse("blue/io.example.Greeter:2.0");
        try (ZooKeeperRegistry provider = registry(server.getConnectString());
                ZooKeeperRegistry consumer = registry(server.getConnectString())) {
            RegistryContractSnapshots recorder = new RegistryContractSnapshots();
            consumer.subscribe(key, recorder);
            provider.register(instance(key, 20880));

            await().atMost(WAIT).until(recorder::latestEndpoints, equalTo(List.of(endpoint(20880))));
            assertThat(inspector
                            .checkExists()
                            .forPath("/courier/blue%2Fio.example.Greeter:2.0/providers/127.0.0.1:20880"))
                    .isNotNull();
            assertThat(recorder.latest().get(0).serviceKey()).isEqualTo(key);
        }
    }

    @Test
    void nodeDeletedFromOutside_isPutBack() throws Exception {
        try (ZooKeeperRegistry provider = registry(server.getConnectString())) {
            provider.register(instance(GREETER, 20880));
            String path = "/courier/io.example.Greeter/providers/127.0.0.1:20880";
            await().atMost(WAIT).until(() -> inspector.checkExists().forPath(path) != null);

            inspector.delete().forPath(path);

            await().atMost(WAIT).until(() -> inspector.checkExists().forPath(path) != null);
            assertThat(inspector.checkExists().forPath(path).getEphemeralOwner())
                    .isEqualTo(sessionId(provider));
        }
    }

    @Test
    void nodeHeldByAnotherProcess_isTakenOverOnlyWhenItGoes() throws Exception {
        String path = "/courier/io.example.Greeter/providers/127.0.0.1:20880";
        try (CuratorFramework other = inspector(server.getConnectString());
                ZooKeeperRegistry provider = registry(server.getConnectString())) {
            other.create()
                    .creatingParentsIfNeeded()
                    .withMode(CreateMode.EPHEMERAL)
                    .forPath(path, InstanceCodec.encode(instance(GREETER, 20880)));
            long otherSession = other.getZookeeperClient().getZooKeeper().getSessionId();

            provider.register(instance(GREETER, 20880).toBuilder().weight(5).build());

            await().during(Duration.ofMillis(500))
                    .atMost(WAIT)
                    .until(() -> inspector.checkExists().forPath(path).getEphemeralOwner() == otherSession);
            other.delete().forPath(path);
            await().atMost(WAIT).until(() -> ownerOf(path) == sessionId(provider));
            assertThat(InstanceCodec.decode(inspector.getData().forPath(path)).weight())
                    .isEqualTo(5);
        }
    }

    @Test
    void digestAuth_makesNodesReadableOnlyWithTheSameCredentials() throws Exception {
        try (ZooKeeperRegistry provider = registry(options(server.getConnectString())
                        .digestAuth("courier:secret")
                        .build());
                ZooKeeperRegistry consumer = registry(options(server.getConnectString())
                        .digestAuth("courier:secret")
                        .build());
                ZooKeeperRegistry stranger = registry(options(server.getConnectString())
                        .digestAuth("mallory:guess")
                        .build())) {
            RegistryContractSnapshots recorder = new RegistryContractSnapshots();
            consumer.subscribe(GREETER, recorder);
            provider.register(instance(GREETER, 20880));
            await().atMost(WAIT).until(recorder::latestEndpoints, equalTo(List.of(endpoint(20880))));

            String path = "/courier/io.example.Greeter/providers/127.0.0.1:20880";
            assertThatThrownBy(() -> inspector.getData().forPath(path))
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() -> inspector.delete().forPath(path))
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() -> stranger.curator().getData().forPath(path))
                    .isInstanceOf(KeeperException.NoAuthException.class);
        }
    }

    private List<String> children(String path) throws Exception {
        return inspector.checkExists().forPath(path) == null
                ? List.of()
                : inspector.getChildren().forPath(path);
    }

    private long ownerOf(String path) throws Exception {
        Stat stat = inspector.checkExists().forPath(path);
        return stat == null ? -1 : stat.getEphemeralOwner();
    }

    private static Endpoint endpoint(int port) {
        return Endpoint.of("127.0.0.1", port);
    }

    private static <T> org.hamcrest.Matcher<T> equalTo(T value) {
        return org.hamcrest.Matchers.equalTo(value);
    }
}
