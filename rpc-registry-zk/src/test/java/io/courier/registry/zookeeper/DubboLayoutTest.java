package io.courier.registry.zookeeper;

import static io.courier.registry.zookeeper.ZooKeeperTesting.inspector;
import static io.courier.registry.zookeeper.ZooKeeperTesting.registry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A provider that asks for Dubbo's layout is registered where stock Dubbo consumers look: the
 * interface-level URL and, with {@code register-mode=all} or {@code instance}, Dubbo 3's
 * application-level instance, metadata and mapping; its services come and go with their registrations.
 */
@Timeout(60)
class DubboLayoutTest {

    private static final Endpoint ENDPOINT = Endpoint.of("10.0.0.9", 20880);

    private TestingServer server;

    @BeforeEach
    void start() throws Exception {
        server = ZooKeeperTesting.startServer();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void registerModeAll_writesBothLayouts_andTheInstanceFollowsItsServices() throws Exception {
        ServiceInstance orders = instance("io.example.Orders", "all");
        ServiceInstance payments = instance("io.example.Payments", "all");
        try (ZooKeeperRegistry registry = registry(server.getConnectString());
                CuratorFramework zk = inspector(server.getConnectString())) {
            registry.register(orders);
            String instancePath = "/services/billing/10.0.0.9:20880";
            await().atMost(Duration.ofSeconds(10)).until(() -> zk.checkExists().forPath(instancePath) != null);
            assertThat(zk.getChildren().forPath("/dubbo/io.example.Orders/providers"))
                    .hasSize(1);
            assertThat(text(zk, "/dubbo/mapping/io.example.Orders")).isEqualTo("billing");
            String first = revision(text(zk, instancePath));
            assertThat(text(zk, "/dubbo/metadata/billing/" + first))
                    .contains("\"io.example.Orders:dubbo\"")
                    .doesNotContain("Payments");

            registry.register(payments);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !revision(text(zk, instancePath)).equals(first));
            String both = revision(text(zk, instancePath));
            assertThat(text(zk, "/dubbo/metadata/billing/" + both))
                    .contains("\"io.example.Orders:dubbo\"", "\"io.example.Payments:dubbo\"");
            assertThat(text(zk, "/dubbo/mapping/io.example.Payments")).isEqualTo("billing");

            registry.unregister(payments);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> revision(text(zk, instancePath)).equals(first));
            registry.unregister(orders);
            await().atMost(Duration.ofSeconds(10)).until(() -> zk.checkExists().forPath(instancePath) == null);
            assertThat(zk.getChildren().forPath("/dubbo/io.example.Orders/providers"))
                    .isEmpty();
        }
    }

    @Test
    void registerModeInstance_writesTheApplicationLevelOnly_andInterfaceTheInterfaceLevelOnly() throws Exception {
        try (ZooKeeperRegistry registry = registry(server.getConnectString());
                CuratorFramework zk = inspector(server.getConnectString())) {
            registry.register(instance("io.example.Orders", "instance"));
            registry.register(instance("io.example.Stock", "interface"));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> zk.checkExists().forPath("/services/billing/10.0.0.9:20880") != null
                            && zk.checkExists().forPath("/dubbo/io.example.Stock/providers") != null
                            && !zk.getChildren()
                                    .forPath("/dubbo/io.example.Stock/providers")
                                    .isEmpty());
            assertThat(zk.checkExists().forPath("/dubbo/io.example.Orders/providers"))
                    .isNull();
            assertThat(text(zk, "/dubbo/metadata/billing/" + revision(text(zk, "/services/billing/10.0.0.9:20880"))))
                    .contains("io.example.Orders")
                    .doesNotContain("io.example.Stock");
            assertThat(zk.checkExists().forPath("/dubbo/mapping/io.example.Stock"))
                    .isNull();
        }
    }

    private static ServiceInstance instance(String interfaceName, String registerMode) {
        return ServiceInstance.builder(new ServiceKey("", interfaceName, ""), ENDPOINT)
                .application("billing")
                .metadata(Map.of(
                        ServiceInstance.METADATA_DUBBO_URL_PARAMETERS,
                        "interface=" + interfaceName + "&methods=a,b&register-mode=" + registerMode
                                + "&release=courier&side=provider"))
                .build();
    }

    private static String text(CuratorFramework zk, String path) throws Exception {
        return new String(zk.getData().forPath(path), StandardCharsets.UTF_8);
    }

    private static String revision(String instanceJson) {
        int at = instanceJson.indexOf("\"dubbo.metadata.revision\": \"");
        String rest = instanceJson.substring(at + "\"dubbo.metadata.revision\": \"".length());
        return rest.substring(0, rest.indexOf('"'));
    }
}
