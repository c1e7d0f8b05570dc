package io.courier.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.LiveKeys;
import io.courier.api.ReferenceOptions;
import io.courier.api.ServiceKey;
import io.courier.api.config.ConfigKey;
import io.courier.api.registry.RegistryOptions;
import io.courier.api.store.RegistryStore;
import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.Courier;
import io.courier.bootstrap.config.BreakerKeys;
import io.courier.config.live.Probe;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The configuration centre's writer side against a real ZooKeeper: validation, versions, audit, rollback. */
@Timeout(60)
class ConfigCentreTest {

    private static final Instant NOW = Instant.parse("2026-11-22T13:00:00Z");
    private static TestingServer server;
    private static CuratorFramework client;
    private static RegistryStore store;
    private static int environments;

    @BeforeAll
    static void start() throws Exception {
        server = new TestingServer(true);
        client = CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(100));
        client.start();
        store = RegistryStore.open(RegistryOptions.builder("zookeeper://" + server.getConnectString())
                .build());
    }

    @AfterAll
    static void stop() throws Exception {
        store.close();
        client.close();
        server.close();
    }

    /** A centre on a fresh environment, so that tests do not see each other's documents. */
    private static ConfigCentre centre(int historySize) {
        ConfigCentreOptions options = ConfigCentreOptions.builder()
                .environment("env" + (++environments))
                .historySize(historySize)
                .build();
        return ConfigCentre.open(store, options, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void write_makesVersionsThatRecordWhoWhenWhy_andCurrentIsTheLast() {
        ConfigCentre centre = centre(20);
        ConfigScope scope = ConfigScope.service("shop/io.shop.Inventory:1.0");

        assertThat(centre.current(scope)).isEmpty();
        ConfigVersion first = centre.write(scope, "version: 1\ntimeoutMillis: 800\n", "alice", "slower disks", 0);
        ConfigVersion second = centre.write(scope, "version: 1\ntimeoutMillis: 500\n", "bob", "", 1);

        assertThat(first)
                .isEqualTo(new ConfigVersion(1, "alice", NOW, "slower disks", "version: 1\ntimeoutMillis: 800\n"));
        assertThat(second.number()).isEqualTo(2);
        assertThat(centre.current(scope)).contains(second);
        assertThat(centre.history(scope, 10)).containsExactly(second, first);
        assertThat(centre.scopes()).containsExactly(scope);
        assertThat(centre.environments()).contains(centre.options().environment());
    }

    @Test
    void write_storesTheDocumentWhereApplicationsReadIt() throws Exception {
        ConfigCentre centre = centre(20);
        centre.write(
                ConfigScope.application("shop"), "version: 1\nretries: 0\n", "alice", "", ConfigCentre.ANY_VERSION);

        String path = "/courier/_config/" + centre.options().environment() + "/applications/shop";
        assertThat(new String(client.getData().forPath(path), StandardCharsets.UTF_8))
                .isEqualTo("version: 1\nretries: 0\n");
    }

    @Test
    void write_withAStaleExpectedVersion_isAConflict_andWritesNothing() {
        ConfigCentre centre = centre(20);
        ConfigScope scope = ConfigScope.application("shop");
        centre.write(scope, "version: 1\nretries: 1\n", "alice", "", 0);
        centre.write(scope, "version: 1\nretries: 2\n", "bob", "", 1);

        assertThatThrownBy(() -> centre.write(scope, "version: 1\nretries: 3\n", "carol", "", 1))
                .isInstanceOfSatisfying(ConfigConflictException.class, e -> {
                    assertThat(e.expected()).isEqualTo(1);
                    assertThat(e.actual()).isEqualTo(2);
                });
        assertThat(centre.current(scope).orElseThrow().text()).isEqualTo("version: 1\nretries: 2\n");
    }

    @Test
    void invalidDocuments_areRefusedBeforeWriting_withTheirDefect() {
        ConfigCentre centre = centre(20);
        ConfigScope scope = ConfigScope.service("io.shop.Inventory");
        centre.write(scope, "version: 1\ntimeoutMillis: 800\n", "alice", "", 0);
        String tenMegabytes = "version: 1\nlimits:\n" + "  k: v\n".repeat(10 * 1024 * 1024 / 7);

        assertRefused(centre, scope, "version: 1\ntimeoutMillis: [800\n", "expected ',' or ']'");
        assertRefused(centre, scope, "version: 1\ntimeout: 800\n", "config.timeout: unknown field");
        assertRefused(
                centre,
                scope,
                "version: 1\ntimeoutMillis: -5\n",
                "courier.consumer.timeout-millis: '-5' (expected: an integer >= 1) [document field config.timeoutMillis]");
        assertRefused(centre, scope, "version: 1\nretries: 101\n", "courier.consumer.retries: '101'");
        assertRefused(
                centre,
                scope,
                "version: 1\nloadBalancer: fastest\n",
                "courier.consumer.load-balancer: 'fastest' (expected: one of ");
        assertRefused(
                centre,
                scope,
                "version: 1\nbreaker:\n  failureRateThreshold: 0\n",
                "courier.filter.circuit-breaker.failure-rate-threshold: 0 (expected: 1 to 100)"
                        + " [document field config.breaker.failureRateThreshold]");
        assertRefused(centre, scope, "version: 1\nweights: !!javax.script.ScriptEngineManager []\n", "tag");
        assertRefused(centre, scope, tenMegabytes, "characters (expected: at most 262144)");

        assertThat(centre.history(scope, 10)).hasSize(1);
        assertThat(centre.current(scope).orElseThrow().text()).isEqualTo("version: 1\ntimeoutMillis: 800\n");
    }

    /**
     * One language: a value outside a key's range, in a document the centre would write to the store, is
     * refused with the message the builder gives for that key, only the origin in brackets telling where
     * it was set; nothing is written.
     */
    @Test
    void aValueOutsideAKeysRange_isRefusedWithTheMessageTheBuilderGivesForThatKey() {
        ConfigCentre centre = centre(20);
        ConfigScope scope = ConfigScope.service("io.shop.Inventory");
        List<OutOfRange> cases = List.of(
                new OutOfRange("timeout-millis: -5", "config.timeout-millis", LiveKeys.TIMEOUT_MILLIS, "-5"),
                new OutOfRange("timeoutMillis: 0", "config.timeoutMillis", LiveKeys.TIMEOUT_MILLIS, "0"),
                new OutOfRange("retries: 101", "config.retries", LiveKeys.RETRIES, "101"),
                new OutOfRange(
                        "load-balancer: Round.Robin!", "config.load-balancer", LiveKeys.LOAD_BALANCER, "Round.Robin!"),
                new OutOfRange(
                        "breaker:\n  failure-rate-threshold: 101",
                        "config.breaker.failure-rate-threshold",
                        LiveKeys.BREAKER_FAILURE_RATE_THRESHOLD,
                        "101"),
                new OutOfRange(
                        "breaker:\n  openMillis: 0", "config.breaker.openMillis", LiveKeys.BREAKER_OPEN_MILLIS, "0"));

        for (OutOfRange bad : cases) {
            String builderSays = builderProblem(bad.key().name(), bad.value());

            assertThatThrownBy(() -> centre.write(scope, "version: 1\n" + bad.document() + "\n", "alice", "", 0))
                    .isInstanceOfSatisfying(InvalidConfigException.class, refused -> assertThat(refused.problem())
                            .isEqualTo(builderSays.replace("[builder]", "[document field " + bad.path() + "]")));
        }
        assertThat(centre.current(scope)).isEmpty();
    }

    /** A document setting {@code key} to {@code value} in its field at {@code path}. */
    private record OutOfRange(String document, String path, ConfigKey<?> key, String value) {}

    /**
     * The one problem the builder reports for {@code key} set to {@code value}: at start, or for a breaker's
     * option, which is read when a reference binds the breakers, when the first reference is made.
     */
    private static String builderProblem(String key, String value) {
        Throwable failure = catchThrowable(() -> {
            try (Courier courier = Courier.builder()
                    .application("probe")
                    .port(0)
                    .shutdownHook(false)
                    .property(BreakerKeys.ENABLED.name(), "true")
                    .property(key, value)
                    .start()) {
                courier.reference(
                        Probe.class,
                        ReferenceOptions.builder()
                                .directEndpoints(List.of(Endpoint.of("127.0.0.1", 1)))
                                .build());
            }
        });
        assertThat(failure).isInstanceOf(RuntimeException.class);
        String problem = failure instanceof ConfigurationException start
                ? start.problems().get(0)
                : failure.getMessage();
        assertThat(problem).startsWith(key + ": ").endsWith(" [builder]");
        return problem;
    }

    private static void assertRefused(ConfigCentre centre, ConfigScope scope, String text, String problem) {
        assertThat(centre.validate(scope, text))
                .hasValueSatisfying(p -> assertThat(p).contains(problem));
        assertThatThrownBy(() -> centre.write(scope, text, "mallory", "", ConfigCentre.ANY_VERSION))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> assertThat(e.problem())
                        .contains(problem));
    }

    @Test
    void validDocuments_includingEveryLiveKey_pass() {
        ConfigCentre centre = centre(20);
        String every =
                """
                version: 1
                timeoutMillis: 800
                retries: 2
                loadBalancer: roundrobin
                breaker:
                  failureRateThreshold: 40
                  slowCallRateThreshold: 90
                  slowCallMillis: 1500
                  minimumCalls: 10
                  openMillis: 5000
                  halfOpenCalls: 3
                weights: {"127.0.0.1:20880": 200}
                disabled: ["127.0.0.1:20881"]
                tagRoutes: {"127.0.0.1:20880": [canary]}
                conditionRules: ["method = find* => host = 127.0.0.1"]
                limits: {rate-limit.qps: 500}
                """;

        assertThat(centre.validate(ConfigScope.application("shop"), every)).isEmpty();
        assertThat(centre.validate(ConfigScope.application("shop"), "")).isEmpty();
    }

    @Test
    void history_keepsTheLastN_andNumbersAreNeverReused() {
        ConfigCentre centre = centre(3);
        ConfigScope scope = ConfigScope.application("shop");
        for (int i = 1; i <= 5; i++) {
            centre.write(scope, "version: 1\nretries: " + i + "\n", "alice", "", ConfigCentre.ANY_VERSION);
        }

        assertThat(centre.history(scope, 10)).extracting(ConfigVersion::number).containsExactly(5L, 4L, 3L);
        assertThatThrownBy(() -> centre.version(scope, 1))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("no version 1")
                .hasMessageContaining("kept: 3 to 5");
    }

    @Test
    void diff_marksRemovedAndAddedLines() {
        ConfigCentre centre = centre(20);
        ConfigScope scope = ConfigScope.application("shop");
        centre.write(scope, "version: 1\nretries: 1\ntimeoutMillis: 800\n", "alice", "", 0);
        centre.write(scope, "version: 1\nretries: 2\ntimeoutMillis: 800\n", "bob", "", 1);

        ConfigDiff diff = centre.diff(scope, 1, 2);

        assertThat(diff.lines()).containsExactly(" version: 1", "-retries: 1", "+retries: 2", " timeoutMillis: 800");
        assertThat(diff.text()).startsWith("--- application:shop v1\n+++ application:shop v2\n");
        assertThat(centre.diff(scope, 2, 2).unchanged()).isTrue();
        assertThat(centre.diff(scope, 0, 1).lines()).allMatch(line -> line.startsWith("+"));
    }

    @Test
    void rollback_writesTheOldTextAsANewVersion() {
        ConfigCentre centre = centre(20);
        ConfigScope scope = ConfigScope.application("shop");
        centre.write(scope, "version: 1\nretries: 1\n", "alice", "", 0);
        centre.write(scope, "version: 1\nretries: 5\n", "bob", "", 1);

        ConfigVersion restored = centre.rollback(scope, 1, "carol");

        assertThat(restored.number()).isEqualTo(3);
        assertThat(restored.author()).isEqualTo("carol");
        assertThat(restored.comment()).isEqualTo("rollback to version 1");
        assertThat(centre.current(scope).orElseThrow().text()).isEqualTo("version: 1\nretries: 1\n");
    }

    @Test
    void offlineAndOnline_editTheServiceDisabledList_keepingTheOtherFields() {
        ConfigCentre centre = centre(20);
        ServiceKey key = ServiceKey.parse("io.shop.Inventory");
        ConfigScope scope = ConfigScope.service(key);
        Endpoint endpoint = Endpoint.of("127.0.0.1", 20880);
        centre.write(scope, "version: 1\ntimeoutMillis: 800\n", "alice", "", 0);

        ConfigVersion offline = centre.offline(key, endpoint, "bob").orElseThrow();
        assertThat(centre.offline(key, endpoint, "bob")).contains(offline);

        assertThat(offline.comment()).isEqualTo("offline 127.0.0.1:20880");
        assertThat(offline.text()).contains("timeoutMillis: 800").contains("127.0.0.1:20880");
        assertThat(centre.validate(scope, offline.text())).isEmpty();
        ConfigVersion online = centre.online(key, endpoint, "bob").orElseThrow();
        assertThat(online.number()).isEqualTo(3);
        assertThat(online.text()).contains("timeoutMillis: 800").doesNotContain("disabled");
    }

    @Test
    void offline_keepsEveryOtherValueAsTheApplicationsReadIt() {
        ConfigCentre centre = centre(20);
        ServiceKey key = ServiceKey.parse("io.shop.Ledger");
        ConfigScope scope = ConfigScope.service(key);
        // YAML 1.1 would read yes as a boolean and 0777 as octal 511; the registry reads both as text
        centre.write(
                scope,
                "version: 1\nlimits:\n  audit.enabled: yes\n  mode: 0777\n  rate-limit.qps: 50\n",
                "alice",
                "",
                0);
        DynamicConfig before =
                centre.parse(scope, centre.current(scope).orElseThrow().text());

        ConfigVersion offline =
                centre.offline(key, Endpoint.of("127.0.0.1", 20880), "bob").orElseThrow();

        DynamicConfig after = centre.parse(scope, offline.text());
        assertThat(after.limits()).isEqualTo(before.limits());
        assertThat(after.limits()).containsEntry("audit.enabled", "yes").containsEntry("mode", "0777");
        assertThat(after.disabled()).containsExactly(Endpoint.of("127.0.0.1", 20880));
    }

    @Test
    void arguments_areChecked() {
        ConfigCentre centre = centre(20);
        ConfigScope scope = ConfigScope.application("shop");

        assertThatThrownBy(() -> centre.write(scope, "", " ", "", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("author");
        assertThatThrownBy(
                        () -> ConfigCentreOptions.builder().environment("Prod").build())
                .hasMessageContaining("environment: 'Prod'");
        assertThatThrownBy(() -> ConfigScope.parse("application: x")).hasMessageContaining("name: ' x'");
        assertThat(ConfigScope.parse("service:g/a.B:1")).isEqualTo(ConfigScope.service(ServiceKey.parse("g/a.B:1")));
        assertThat(List.of(ConfigScope.application("shop").toString())).containsExactly("application:shop");
    }
}
