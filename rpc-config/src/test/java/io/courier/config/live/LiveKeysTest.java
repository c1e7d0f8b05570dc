package io.courier.config.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.courier.api.ErrorCode;
import io.courier.api.LiveKeys;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcException;
import io.courier.api.ServiceKey;
import io.courier.api.registry.RegistryOptions;
import io.courier.api.store.RegistryStore;
import io.courier.bootstrap.Courier;
import io.courier.config.ConfigCentre;
import io.courier.config.ConfigCentreOptions;
import io.courier.config.ConfigScope;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * A running consumer picks up a new timeout, retry count, load balancer and breaker threshold from
 * the configuration centre without a restart, over real sockets (three providers, one consumer, a
 * real ZooKeeper); an invalid document changes nothing in force and is reported (log line, metric).
 */
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveKeysTest {

    private static final String ENVIRONMENT = "live";
    private static final ConfigScope PROBE = ConfigScope.service(ServiceKey.of(Probe.class));
    private static final ConfigScope FLAKY = ConfigScope.service(ServiceKey.of(Flaky.class));
    private static final Duration APPLIED = Duration.ofSeconds(20);

    private static TestingServer server;
    private static CuratorFramework client;
    private static RegistryStore store;
    private static ConfigCentre centre;
    private static final List<Courier> providers = new ArrayList<>();
    private static final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private static Courier consumer;
    private static SimpleMeterRegistry meters;
    private static Probe probe;
    private static Flaky flaky;

    @BeforeAll
    static void start() throws Exception {
        server = new TestingServer(true);
        client = CuratorFrameworkFactory.newClient(server.getConnectString(), new RetryOneTime(100));
        client.start();
        store = RegistryStore.open(RegistryOptions.builder("zookeeper://" + server.getConnectString())
                .build());
        centre = ConfigCentre.open(
                store, ConfigCentreOptions.builder().environment(ENVIRONMENT).build());
        for (String name : List.of("a", "b", "c")) {
            Providers.NamedProbe named = new Providers.NamedProbe(name, attempts);
            providers.add(Courier.builder()
                    .application("inventory-" + name)
                    .host("127.0.0.1")
                    .port(0)
                    .registry("zookeeper://" + server.getConnectString())
                    .export(named)
                    .export(new Providers.SlowFlaky(name))
                    .start());
        }
        meters = new SimpleMeterRegistry();
        consumer = Courier.builder()
                .application("shop")
                .registry("zookeeper://" + server.getConnectString())
                .property("courier.environment", ENVIRONMENT)
                .property("courier.filter.metrics.enabled", "true")
                .property("courier.filter.circuit-breaker.enabled", "true")
                .property("courier.filter.circuit-breaker.minimum-calls", "1000")
                .meterRegistry(meters)
                .start();
        probe = consumer.reference(
                Probe.class,
                ReferenceOptions.builder().timeoutMillis(1000).retries(0).build());
        flaky = consumer.reference(
                Flaky.class,
                ReferenceOptions.builder().timeoutMillis(100).retries(0).build());
        // the first calls of a fresh JVM may be slow (connects, class loading): wait until all three answer
        await().atMost(APPLIED).ignoreExceptions().untilAsserted(() -> assertThat(whoAnswers(30))
                .containsOnly("a", "b", "c"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (consumer != null) {
            consumer.close();
        }
        providers.forEach(Courier::close);
        if (centre != null) {
            centre.close();
        }
        if (store != null) {
            store.close();
        }
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void timeout_isRaisedAndLowered_live() {
        assertThat(failure(() -> slow(1_500))).isEqualTo(ErrorCode.TIMEOUT);

        write(PROBE, "version: 1\ntimeoutMillis: 4000\n");
        await().atMost(APPLIED).ignoreExceptions().untilAsserted(() -> assertThat(slow(1_500))
                .isIn("a", "b", "c"));

        write(PROBE, "version: 1\ntimeoutMillis: 200\n");
        await().atMost(APPLIED)
                .untilAsserted(() -> assertThat(failure(() -> slow(600))).isEqualTo(ErrorCode.TIMEOUT));
        assertThat(failure(() -> slow(600))).isEqualTo(ErrorCode.TIMEOUT);
    }

    @Test
    @Order(2)
    void retries_followTheDocument() {
        write(PROBE, "version: 1\ntimeoutMillis: 200\nretries: 2\n");
        await().atMost(APPLIED).ignoreExceptions().untilAsserted(() -> assertAttemptsOfAFailingCall(3));

        write(PROBE, "version: 1\ntimeoutMillis: 200\nretries: 0\n");
        await().atMost(APPLIED).ignoreExceptions().untilAsserted(() -> assertAttemptsOfAFailingCall(1));
    }

    @Test
    @Order(3)
    void loadBalancer_isReplaced_live() {
        // random: 30 calls over three providers with no provider twice in a row has odds of 8 in a million
        assertThat(repeatsInARow(whoAnswers(30))).isPositive();

        write(PROBE, "version: 1\nloadBalancer: roundrobin\n");

        await().atMost(APPLIED).ignoreExceptions().untilAsserted(() -> assertThat(repeatsInARow(whoAnswers(30)))
                .isZero());
    }

    @Test
    @Order(4)
    void breakerThreshold_isLowered_live_andTheCircuitOpens() {
        for (int i = 0; i < 10; i++) {
            assertThat(failure(() -> flaky.slow(300).join())).isEqualTo(ErrorCode.TIMEOUT);
        }

        write(FLAKY, "version: 1\nbreaker:\n  minimumCalls: 3\n  failureRateThreshold: 50\n");

        await().atMost(APPLIED)
                .untilAsserted(
                        () -> assertThat(failure(() -> flaky.slow(300).join())).isEqualTo(ErrorCode.CIRCUIT_OPEN));
    }

    @Test
    @Order(5)
    void invalidDocuments_changeNothingInForce_andAreReported() throws Exception {
        write(PROBE, "version: 1\ntimeoutMillis: 4000\n");
        await().atMost(APPLIED).ignoreExceptions().untilAsserted(() -> assertThat(slow(1_500))
                .isIn("a", "b", "c"));
        String path = "/courier/_config/" + ENVIRONMENT + "/services/" + ServiceKey.of(Probe.class);
        Logger logger = (Logger) LoggerFactory.getLogger("io.courier.registry.zookeeper.internal.ConfigWatch");
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            List<String> invalid = List.of(
                    "version: 1\ntimeoutMillis: [200\n", // bad YAML
                    "version: 1\ntimeout: 200\n", // unknown key
                    "version: 1\ntimeoutMillis: -100\n", // negative timeout
                    // too large: 10 MB cannot even be stored in ZooKeeper (1 MiB node limit); the
                    // centre refuses it before writing (ConfigCentreTest), the reader refuses this
                    "version: 1\ntimeoutMillis: 200\n#" + "x".repeat(300 * 1024) + "\n");
            for (int i = 0; i < invalid.size(); i++) {
                double before = rejected();
                // written by hand, past the centre's validation, as an operator with zkCli could
                client.setData().forPath(path, invalid.get(i).getBytes(StandardCharsets.UTF_8));
                await().atMost(APPLIED).until(() -> rejected() > before);
                assertThat(slow(1_500)).as("document %d", i).isIn("a", "b", "c");
            }
            assertThat(logs.list)
                    .filteredOn(event -> event.getFormattedMessage()
                            .contains("Rejected the dynamic configuration of " + ServiceKey.of(Probe.class)
                                    + " in environment live"))
                    .hasSize(invalid.size());
            // read by the consumer as every source is: the negative timeout in the key's own words
            assertThat(logs.list).anySatisfy(event -> assertThat(event.getFormattedMessage())
                    .contains(LiveKeys.TIMEOUT_MILLIS.name() + ": '-100' (expected: an integer >= 1)"
                            + " [document field config.timeoutMillis]"));
        } finally {
            logger.detachAppender(logs);
        }
    }

    private static double rejected() {
        FunctionCounter counter = meters.find("courier.config.rejected").functionCounter();
        return counter == null ? 0 : counter.count();
    }

    private static void write(ConfigScope scope, String text) {
        centre.write(scope, text, "test", "", ConfigCentre.ANY_VERSION);
    }

    /** One call that times out on every attempt, made {@code expected} attempts (counted at the providers). */
    private static void assertAttemptsOfAFailingCall(int expected) {
        String callId = UUID.randomUUID().toString();
        assertThat(failure(() -> probe.retryableSlow(600, callId).join())).isEqualTo(ErrorCode.TIMEOUT);
        // on a loaded machine an attempt may reach its provider after the call failed: the count
        // must hold at the expected value for a while
        await().during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(5))
                .until(() -> attemptsOf(callId) == expected);
    }

    private static int attemptsOf(String callId) {
        AtomicInteger count = attempts.get(callId);
        return count == null ? 0 : count.get();
    }

    private static List<String> whoAnswers(int calls) {
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            answers.add(probe.who());
        }
        return answers;
    }

    private static int repeatsInARow(List<String> answers) {
        int repeats = 0;
        for (int i = 1; i < answers.size(); i++) {
            repeats += answers.get(i).equals(answers.get(i - 1)) ? 1 : 0;
        }
        return repeats;
    }

    private static String slow(long millis) {
        return probe.slow(millis).join();
    }

    private static ErrorCode failure(Runnable call) {
        try {
            call.run();
        } catch (RpcException e) {
            return e.code();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RpcException rpc) {
                return rpc.code();
            }
            throw e;
        }
        throw new AssertionError("the call succeeded (expected: it fails)");
    }

    @Test
    @Order(6)
    void aFailedCall_isNotMistakenForSuccess() {
        assertThatThrownBy(() -> failure(() -> {})).isInstanceOf(AssertionError.class);
    }
}
