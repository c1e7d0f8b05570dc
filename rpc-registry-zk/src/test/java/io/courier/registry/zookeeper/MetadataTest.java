package io.courier.registry.zookeeper;

import static io.courier.registry.zookeeper.ZooKeeperTesting.registry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.ServiceKey;
import io.courier.api.registry.Registry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Service metadata: one persistent node per service key and digest, both versions of a rolling deploy visible. */
@Timeout(60)
class MetadataTest {

    private static final ServiceKey ORDERS = ServiceKey.parse("shop/io.example.Orders:1");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private TestingServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = ZooKeeperTesting.startServer();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    @Test
    void publish_writesOneNodePerDigest_keptWhenTheProviderLeaves() throws Exception {
        byte[] v1 = "{\"v\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] v2 = "{\"v\":2}".getBytes(StandardCharsets.UTF_8);
        try (ZooKeeperRegistry first = registry(server.getConnectString());
                ZooKeeperRegistry second = registry(server.getConnectString())) {
            first.publishMetadata(ORDERS, "aaa1", v1);
            second.publishMetadata(ORDERS, "aaa1", v1);
            second.publishMetadata(ORDERS, "bbb2", v2);
            await().atMost(WAIT).until(() -> first.metadata(ORDERS).size() == 2);
            assertThat(first.metadata(ORDERS)).containsOnlyKeys("aaa1", "bbb2");
            assertThat(first.metadata(ORDERS).get("bbb2")).isEqualTo(v2);
            assertThat(first.servicesWithMetadata()).containsExactly(ORDERS);
            assertThat(first.curator()
                            .checkExists()
                            .forPath("/courier/shop%2Fio.example.Orders:1/metadata/aaa1")
                            .getEphemeralOwner())
                    .isZero();
        }
        try (ZooKeeperRegistry later = registry(server.getConnectString())) {
            assertThat(later.metadata(ORDERS)).containsOnlyKeys("aaa1", "bbb2");
        }
    }

    @Test
    void oversizedOrForeignDocuments_areRefusedOrSkipped() throws Exception {
        try (ZooKeeperRegistry registry = registry(server.getConnectString())) {
            assertThatThrownBy(() -> registry.publishMetadata(ORDERS, "big", new byte[Registry.MAX_METADATA_BYTES + 1]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at most");
            assertThatThrownBy(() -> registry.publishMetadata(ORDERS, "../x", new byte[1]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("digest");
            registry.curator()
                    .create()
                    .creatingParentsIfNeeded()
                    .withMode(CreateMode.PERSISTENT)
                    .forPath(
                            "/courier/shop%2Fio.example.Orders:1/metadata/huge",
                            new byte[Registry.MAX_METADATA_BYTES + 1]);
            assertThat(registry.metadata(ORDERS)).isEmpty();
            assertThat(registry.metadata(ServiceKey.parse("io.example.Nothing")))
                    .isEmpty();
        }
    }
}
