package io.courier.registry.zookeeper;

import static io.courier.registry.zookeeper.ZooKeeperTesting.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.courier.api.ServiceKey;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryContractSnapshots;
import io.courier.api.registry.RegistryFactory;
import io.courier.api.registry.RegistryOptions;
import io.courier.spi.ExtensionLoader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

@Timeout(60)
class RegistryFactoryTest {

    private static final ServiceKey ORDERS = ServiceKey.parse("io.example.Orders");

    @Test
    void extensionLoader_findsBothFactoriesAndZooKeeperIsTheDefault() {
        ExtensionLoader<RegistryFactory> loader = ExtensionLoader.of(RegistryFactory.class);
        assertThat(loader.names()).contains("zookeeper", "embedded");
        assertThat(loader.getDefault()).isInstanceOf(ZooKeeperRegistryFactory.class);
        assertThat(loader.get("embedded")).isInstanceOf(EmbeddedRegistryFactory.class);
    }

    @Test
    void zooKeeperAddress_isCheckedServerByServer() {
        assertThat(ZooKeeperRegistryFactory.connectString("zookeeper://10.0.0.1:2181, 10.0.0.2:2181"))
                .isEqualTo("10.0.0.1:2181,10.0.0.2:2181");
        for (String bad : new String[] {"zookeeper://", "zk://h:1", "zookeeper://h", "zookeeper://h:1,", "embedded"}) {
            assertThatThrownBy(() -> ZooKeeperRegistryFactory.connectString(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("address: '" + bad + "' (expected: zookeeper://host:port[,host:port...])");
        }
    }

    @Test
    void embeddedRegistries_inOneJvm_findEachOther_andTheServerGoesWithTheLastOne() throws Exception {
        EmbeddedRegistryFactory factory = new EmbeddedRegistryFactory();
        RegistryOptions options = RegistryOptions.builder("embedded").build();
        Registry provider = factory.create(options);
        Registry consumer = factory.create(options);
        EmbeddedZooKeeper server = factory.server();
        Path directory = server.directory();
        int port = server.port();
        try {
            RegistryContractSnapshots recorder = new RegistryContractSnapshots();
            consumer.subscribe(ORDERS, recorder);
            provider.register(instance(ORDERS, 20880));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> recorder.latestEndpoints().size() == 1);
            assertThat(Files.isDirectory(directory)).isTrue();

            provider.close();
            assertThat(factory.server()).as("still in use").isSameAs(server);
        } finally {
            provider.close();
            consumer.close();
        }

        assertThat(factory.server()).isNull();
        assertThat(Files.exists(directory)).as("data directory deleted").isFalse();
        assertThat(accepts(port)).as("port closed").isFalse();
    }

    @Test
    void coordinationOnTheEmbeddedRegistry_warnsOnceThatItSpansThisJvmOnly() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(EmbeddedZooKeeper.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        EmbeddedRegistryFactory factory = new EmbeddedRegistryFactory();
        RegistryOptions options = RegistryOptions.builder("embedded").build();
        try (Registry first = factory.create(options);
                Registry second = factory.create(options)) {
            int port = factory.server().port();
            assertThat(warnings(lines)).as("no coordination used yet").isEmpty();

            first.coordination().orElseThrow();
            second.coordination().orElseThrow().lock("billing");
            try (Registry shared = new ZooKeeperRegistryFactory()
                    .create(RegistryOptions.builder("zookeeper://127.0.0.1:" + port)
                            .build())) {
                shared.coordination().orElseThrow(); // a real ZooKeeper address: coordination spans its processes
            }

            assertThat(warnings(lines)).singleElement().satisfies(line -> assertThat(line)
                    .contains("leader among this JVM's instances only")
                    .contains("Another process on registry 'embedded' runs a ZooKeeper of its own")
                    .contains("zookeeper://127.0.0.1:" + port));
        } finally {
            logger.detachAppender(lines);
        }
    }

    @Test
    void aSessionShorterThanTheConnectionTimeout_capsCuratorsConnectionTimeout_withoutCuratorsWarning() {
        Logger logger = (Logger) LoggerFactory.getLogger("org.apache.curator");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        RegistryOptions twoSecondSessions = RegistryOptions.builder("zookeeper://127.0.0.1:1")
                .sessionTimeoutMillis(2_000)
                .build();
        try {
            CuratorFramework client = CuratorClients.build(twoSecondSessions, "127.0.0.1:1");
            client.close();

            assertThat(twoSecondSessions.connectionTimeoutMillis()).isEqualTo(5_000);
            assertThat(client.getZookeeperClient().getConnectionTimeoutMs()).isEqualTo(2_000);
            assertThat(lines.list)
                    .noneMatch(line -> line.getFormattedMessage().contains("less than connection timeout"));
        } finally {
            logger.detachAppender(lines);
        }
        assertThat(CuratorClients.curatorConnectionTimeoutMillis(
                        RegistryOptions.builder("embedded").build()))
                .as("defaults: 30 s sessions, 5 s connection timeout")
                .isEqualTo(5_000);
    }

    private static List<String> warnings(ListAppender<ILoggingEvent> lines) {
        return lines.list.stream()
                .filter(line -> line.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void embeddedFactory_refusesOtherAddresses() {
        assertThatThrownBy(() -> new EmbeddedRegistryFactory()
                        .create(RegistryOptions.builder("zookeeper://h:1").build()))
                .hasMessage("address: 'zookeeper://h:1' (expected: embedded)");
    }

    @Test
    void embeddedZooKeeper_listensOnLoopbackOnly() {
        try (EmbeddedZooKeeper server = EmbeddedZooKeeper.start()) {
            assertThat(server.connectString()).isEqualTo("127.0.0.1:" + server.port());
            assertThat(accepts(server.port())).isTrue();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
