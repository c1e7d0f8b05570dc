package io.courier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.Courier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * A consumer that starts while ZooKeeper is down: with the cache file an earlier run of it wrote, it
 * calls the running providers at once; with a truncated cache file it starts with no provider (the
 * default) or refuses to start, naming the file ({@code courier.registry.strict-cache-file=true}).
 * Both tests start from the same earlier run, ZooKeeper stopped and providers serving (set up once);
 * each works on a copy of the cache file it wrote and closes its own consumers.
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CacheFileStartIT {

    private static final int CALLS = 100;
    private static final Duration WITHIN = Duration.ofSeconds(3);
    /** How long a new registry client waits for ZooKeeper before it serves from the cache file. */
    private static final String CONNECTION_TIMEOUT_MILLIS = "1000";

    private Fleet fleet;
    /** What the earlier run wrote; each test gets a copy, so neither sees what the other's consumer wrote. */
    private byte[] written;

    private Path cacheFile;
    private final List<Courier> consumers = new ArrayList<>();

    @BeforeAll
    void runOnceWithZooKeeper() throws Exception {
        fleet = Fleet.start("cache-file-start");
        RecordingLoadBalancer.reset();
        List<ProviderProcess> providers = fleet.startProviders("p1", "p2");
        Path cacheFile = fleet.directory().resolve("consumer-cache.json");
        Courier earlier = fleet.consumer(Map.of("courier.registry.cache-file", cacheFile.toString()));
        LedgerService service =
                earlier.reference(LedgerService.class, Fleet.referenceOptions().build());
        fleet.awaitServing(service, providers);
        await("cache file lists both providers")
                .atMost(Duration.ofSeconds(10))
                .until(() -> Files.exists(cacheFile)
                        && providers.stream().allMatch(p -> read(cacheFile).contains("\"" + p.endpoint() + "\"")));
        earlier.close();
        written = Files.readAllBytes(cacheFile);
        fleet.zooKeeper().stop();
    }

    @BeforeEach
    void copyCacheFile(TestInfo test) throws Exception {
        RecordingLoadBalancer.reset();
        cacheFile = fleet.directory().resolve(test.getTestMethod().orElseThrow().getName() + "-cache.json");
        Files.write(cacheFile, written);
    }

    /** A consumer of this test's, closed after it. */
    private Courier consumer(Map<String, String> properties) {
        Courier consumer = fleet.consumer(properties);
        consumers.add(consumer);
        return consumer;
    }

    @AfterEach
    void closeConsumers() {
        consumers.forEach(Courier::close);
        consumers.clear();
    }

    @AfterAll
    void closeFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    void startedWhileZooKeeperIsDown_withTheCacheFile_makesOneHundredCallsWithinThreeSeconds() {
        long startedAt = System.nanoTime();
        Courier consumer = consumer(Map.of(
                "courier.registry.cache-file",
                cacheFile.toString(),
                "courier.registry.connection-timeout-millis",
                CONNECTION_TIMEOUT_MILLIS));
        LedgerService service =
                consumer.reference(LedgerService.class, Fleet.referenceOptions().build());
        long referencedMillis = millisSince(startedAt);

        int succeeded = 0;
        long firstSuccessMillis = -1;
        Map<String, Integer> failures = new TreeMap<>();
        long deadline = startedAt + TimeUnit.SECONDS.toNanos(10);
        while (succeeded < CALLS && System.nanoTime() - deadline < 0) {
            try {
                service.read(fleet.ids().incrementAndGet(), 0);
                if (succeeded++ == 0) {
                    firstSuccessMillis = millisSince(startedAt);
                }
            } catch (RpcException e) {
                failures.merge(e.code().name(), 1, Integer::sum);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5)); // no list yet: do not spin
            }
        }
        long allMillis = millisSince(startedAt);

        Figures.of("consumer started while ZooKeeper was down, from its cache file")
                .put("connection-timeout-millis", CONNECTION_TIMEOUT_MILLIS)
                .put("ms from start until reference() returned", referencedMillis)
                .put("ms from start until the first call succeeded", firstSuccessMillis)
                .put("ms from start until " + CALLS + " calls had succeeded", allMillis)
                .put("calls succeeded", succeeded)
                .put("failed calls, by code", failures)
                .print();

        assertThat(succeeded).as("calls that succeeded").isEqualTo(CALLS);
        assertThat(allMillis).as("ms until %d calls had succeeded", CALLS).isLessThanOrEqualTo(WITHIN.toMillis());
        // reference() waited for the first list (courier.registry.first-list-wait-millis), the cached one
        assertThat(failures).as("failed calls").isEmpty();
    }

    @Test
    void startedWhileZooKeeperIsDown_withATruncatedCacheFile_hasNoProvider_orRefusesToStartWhenStrict()
            throws Exception {
        byte[] whole = Files.readAllBytes(cacheFile);
        Path truncated = fleet.directory().resolve("truncated-cache.json");
        // the first half, as a crash in the middle of a non-atomic write would leave it
        Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));

        assertThatThrownBy(() -> consumer(Map.of(
                        "courier.registry.cache-file",
                        truncated.toString(),
                        "courier.registry.strict-cache-file",
                        "true")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("courier.registry.cache-file")
                .hasMessageContaining(truncated.toString())
                .hasMessageContaining("unreadable")
                .hasMessageContaining("courier.registry.strict-cache-file=true");

        long startedAt = System.nanoTime();
        Courier consumer = consumer(Map.of(
                "courier.registry.cache-file",
                truncated.toString(),
                "courier.registry.connection-timeout-millis",
                CONNECTION_TIMEOUT_MILLIS));
        LedgerService service =
                consumer.reference(LedgerService.class, Fleet.referenceOptions().build());
        // the first call waits for a list naming a provider (courier.registry.first-list-wait-millis): none comes
        assertThat(refusedWithNoProvider(service))
                .as("the first call refused with NO_PROVIDER")
                .isTrue();
        // well past the moment a readable cache file is served, every call still finds no provider
        Duration window = Duration.ofMillis(Long.parseLong(CONNECTION_TIMEOUT_MILLIS) + 1_000);
        await().during(window).atMost(window.plusSeconds(5)).until(() -> refusedWithNoProvider(service));

        Figures.of("consumer started while ZooKeeper was down, with a truncated cache file")
                .put("cache file bytes", truncated.toFile().length())
                .put("strict-cache-file=true", "start refused, naming the file")
                .put("default: ms during which every call was refused with NO_PROVIDER", millisSince(startedAt))
                .print();
        assertThat(Files.readAllBytes(truncated))
                .as("the file is left as it was")
                .hasSize(whole.length / 2);
    }

    private boolean refusedWithNoProvider(LedgerService service) {
        try {
            service.read(fleet.ids().incrementAndGet(), 0);
            return false;
        } catch (RpcException e) {
            return e.code() == ErrorCode.NO_PROVIDER;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
