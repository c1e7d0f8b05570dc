package io.courier.registry.zookeeper;

import static io.courier.registry.zookeeper.ZooKeeperTesting.inspector;
import static io.courier.registry.zookeeper.ZooKeeperTesting.options;
import static io.courier.registry.zookeeper.ZooKeeperTesting.registry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.ServiceKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The configuration a consumer applies: the service's registry node, under its application's
 * document, under the service's document, of its environment only; each layer keeps its last good
 * document.
 */
@Timeout(60)
class LayeredConfigTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ServiceKey ORDERS = ServiceKey.parse("io.example.LayeredOrders");
    private static final Endpoint FIRST = Endpoint.of("10.0.0.1", 20880);

    @Test
    void serviceOverApplicationOverRegistryNode_inTheConsumersEnvironmentOnly() throws Exception {
        try (TestingServer server = ZooKeeperTesting.startServer();
                CuratorFramework operator = inspector(server.getConnectString());
                ZooKeeperRegistry consumer = registry(options(server.getConnectString())
                        .application("shop")
                        .environment("prod")
                        .build())) {
            AtomicReference<DynamicConfig> inForce = new AtomicReference<>();
            consumer.watchConfig(ORDERS, inForce::set);
            await().atMost(WAIT).until(() -> DynamicConfig.EMPTY.equals(inForce.get()));

            write(
                    operator,
                    "/courier/" + ORDERS + "/config",
                    "version: 1\ntimeoutMillis: 100\nretries: 1\n" + "weights: {\"10.0.0.1:20880\": 5}\n");
            write(
                    operator,
                    "/courier/_config/prod/applications/shop",
                    "version: 1\ntimeoutMillis: 200\n" + "limits: {rate-limit.qps: 10}\nbreaker: {minimumCalls: 7}\n");
            write(
                    operator,
                    "/courier/_config/prod/services/" + ORDERS,
                    "version: 1\nloadBalancer: roundrobin\n" + "limits: {consumer-concurrency-limit.max: 3}\n");
            write(operator, "/courier/_config/dev/services/" + ORDERS, "version: 1\nretries: 9\n");

            await().atMost(WAIT).untilAsserted(() -> {
                DynamicConfig config = inForce.get();
                assertThat(config.live().timeoutMillis()).isEqualTo(200);
                assertThat(config.live().retries()).isEqualTo(1);
                assertThat(config.live().loadBalancer()).isEqualTo("roundrobin");
                assertThat(config.live().breaker()).isEqualTo(Map.of("minimum-calls", 7L));
                assertThat(config.weights()).isEqualTo(Map.of(FIRST, 5));
                assertThat(config.limits())
                        .isEqualTo(Map.of("rate-limit.qps", "10", "consumer-concurrency-limit.max", "3"));
            });

            write(operator, "/courier/_config/prod/applications/shop", "version: 1\ntimeoutMillis: -1\n");
            write(operator, "/courier/_config/prod/services/" + ORDERS, "version: 1\ndisabled: [\"10.0.0.1:20880\"]\n");

            await().atMost(WAIT).until(() -> inForce.get().disabled().equals(Set.of(FIRST)));
            assertThat(inForce.get().live().timeoutMillis())
                    .as("the application's last good document")
                    .isEqualTo(200);
            assertThat(inForce.get().live().loadBalancer()).isEmpty();
            assertThat(consumer.rejectedConfigurations()).isEqualTo(1);
        }
    }

    private static void write(CuratorFramework operator, String path, String text) throws Exception {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        if (operator.checkExists().forPath(path) == null) {
            operator.create().creatingParentsIfNeeded().forPath(path, data);
        } else {
            operator.setData().forPath(path, data);
        }
    }
}
