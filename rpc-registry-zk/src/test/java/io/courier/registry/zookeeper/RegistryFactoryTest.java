package io.courier.registry.zookeeper;

import static io.courier.registry.zookeeper.ZooKeeperTesting.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.Registry;
import io.courier.api.RegistryFactory;
import io.courier.api.RegistryOptions;
import io.courier.api.ServiceKey;
import io.courier.spi.ExtensionLoader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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
            SnapshotRecorder recorder = new SnapshotRecorder();
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
