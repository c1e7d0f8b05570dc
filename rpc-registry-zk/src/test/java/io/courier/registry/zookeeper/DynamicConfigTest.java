package io.courier.registry.zookeeper;

import static io.courier.registry.zookeeper.ZooKeeperTesting.inspector;
import static io.courier.registry.zookeeper.ZooKeeperTesting.registry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.ServiceKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The configuration node, written by an operator, as consumers see it. */
@Timeout(60)
class DynamicConfigTest {

    private static final AtomicInteger SERVICES = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final String GOOD =
            """
            version: 1
            weights:
              "10.0.0.1:20880": 200
            disabled: ["10.0.0.2:20880"]
            tagRoutes:
              "10.0.0.1:20880": [canary]
            conditionRules:
              - "method = find* => host = 10.0.0.1"
            limits:
              rate-limit.qps: 500
            """;

    // one server for the class; each test has a service of its own
    private static TestingServer server;
    private static CuratorFramework operator;

    private final ServiceKey orders = ServiceKey.parse("io.example.Orders" + SERVICES.incrementAndGet());
    private final String configPath = "/courier/" + orders + "/config";
    private final List<DynamicConfig> received = new CopyOnWriteArrayList<>();
    private ZooKeeperRegistry consumer;

    @BeforeAll
    static void startServer() throws Exception {
        server = ZooKeeperTesting.startServer();
        operator = inspector(server.getConnectString());
    }

    @AfterAll
    static void stopServer() throws Exception {
        operator.close();
        server.close();
    }

    @BeforeEach
    void startConsumer() {
        consumer = registry(server.getConnectString());
    }

    @AfterEach
    void stopConsumer() {
        consumer.close();
    }

    @Test
    void configuration_isAppliedOnEveryValidChangeAndEmptiedWhenDeleted() throws Exception {
        consumer.watchConfig(orders, received::add);
        await().atMost(WAIT).until(() -> received.equals(List.of(DynamicConfig.EMPTY)));

        write(GOOD);
        await().atMost(WAIT).until(() -> received.size() == 2);
        DynamicConfig config = received.get(1);
        assertThat(config.weights()).isEqualTo(Map.of(Endpoint.of("10.0.0.1", 20880), 200));
        assertThat(config.disabled()).containsExactly(Endpoint.of("10.0.0.2", 20880));
        assertThat(config.tagRoutes()).isEqualTo(Map.of(Endpoint.of("10.0.0.1", 20880), Set.of("canary")));
        assertThat(config.conditionRules()).containsExactly("method = find* => host = 10.0.0.1");
        assertThat(config.limits()).isEqualTo(Map.of("rate-limit.qps", "500"));

        write(GOOD.replace("200", "300"));
        await().atMost(WAIT).until(() -> received.size() == 3);
        assertThat(received.get(2).weights()).containsValue(300);

        operator.delete().forPath(configPath);
        await().atMost(WAIT).until(() -> received.size() == 4);
        assertThat(received.get(3)).isEqualTo(DynamicConfig.EMPTY);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "version: 1\nweight: {\"10.0.0.1:20880\": 5}\n", // unknown field
                "version: 1\nweights: {\"10.0.0.1:20880\": heavy}\n", // wrong type
                "version: 1\ndisabled: \"10.0.0.2:20880\"\n", // a string where a list belongs
                "version: 1\nweights: {\"10.0.0.1:20880\": 10001}\n", // out of range (0 drains: valid)
                "version: 2\n", // a format this reader does not know
                "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n",
                "version: 1\nlimits: !!javax.script.ScriptEngineManager []\n",
                "version: 1\nconditionRules: [ unclosed\n", // not YAML
            })
    void invalidDocument_isRejectedAndThePreviousConfigurationStays(String document) throws Exception {
        write(GOOD);
        consumer.watchConfig(orders, received::add);
        await().atMost(WAIT).until(() -> received.size() == 1);
        DynamicConfig inForce = received.get(0);

        write(document);
        await().during(Duration.ofMillis(400)).atMost(WAIT).until(() -> received.size() == 1);
        // a valid change after the rejected one is still applied: the watch is alive
        write(GOOD.replace("200", "201"));

        await().atMost(WAIT).until(() -> received.size() == 2);
        assertThat(received.get(0)).isEqualTo(inForce);
        assertThat(received.get(1).weights()).containsValue(201);
    }

    @Test
    void subscriberJoiningLater_getsTheConfigurationInForceAtOnce() throws Exception {
        write(GOOD);
        List<DynamicConfig> first = new CopyOnWriteArrayList<>();
        consumer.watchConfig(orders, first::add);
        await().atMost(WAIT).until(() -> first.size() == 1);

        AutoCloseable second = consumer.watchConfig(orders, received::add);

        await().atMost(WAIT).until(() -> received.equals(first));
        second.close();
    }

    private void write(String document) throws Exception {
        byte[] data = document.getBytes(StandardCharsets.UTF_8);
        if (operator.checkExists().forPath(configPath) == null) {
            operator.create().creatingParentsIfNeeded().forPath(configPath, data);
        } else {
            operator.setData().forPath(configPath, data);
        }
    }
}
