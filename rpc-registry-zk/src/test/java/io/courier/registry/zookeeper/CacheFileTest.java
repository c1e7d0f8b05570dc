package io.courier.registry.zookeeper;

import static io.courier.registry.zookeeper.ZooKeeperTesting.instance;
import static io.courier.registry.zookeeper.ZooKeeperTesting.options;
import static io.courier.registry.zookeeper.ZooKeeperTesting.registry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.ServiceKey;
import io.courier.api.registry.RegistryContractSnapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Consumers that start while ZooKeeper is down, with a good, a truncated or no cache file. */
@Timeout(60)
class CacheFileTest {

    private static final ServiceKey ORDERS = ServiceKey.parse("io.example.Orders");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path directory;

    @Test
    void consumerStartedWhileZooKeeperIsDown_getsTheCachedProvidersWithinThreeSeconds() throws Exception {
        Path cache = directory.resolve("consumer.cache.json");
        try (TestingServer server = ZooKeeperTesting.startServer()) {
            fillCache(server.getConnectString(), cache);
            server.stop();

            long start = System.nanoTime();
            try (ZooKeeperRegistry consumer =
                    registry(options(server.getConnectString()).cacheFile(cache).build())) {
                RegistryContractSnapshots recorder = new RegistryContractSnapshots();
                consumer.subscribe(ORDERS, recorder);

                await().atMost(Duration.ofSeconds(3).minusNanos(System.nanoTime() - start))
                        .until(() -> recorder.latestEndpoints().size() == 2);
                assertThat(recorder.latest()).containsExactly(instance(ORDERS, 20880), instance(ORDERS, 20881));

                // ZooKeeper comes back with one provider less: the live list replaces the cached one
                server.restart();
                await().atMost(WAIT)
                        .until(() -> recorder.latestEndpoints().isEmpty()
                                || recorder.latestEndpoints().size() == 2);
            }
        }
    }

    @Test
    void whileZooKeeperHasNeverAnswered_laterSubscriptionsGetTheCachedListWithoutWaitingAgain() throws Exception {
        Path cache = directory.resolve("consumer.cache.json");
        try (TestingServer server = ZooKeeperTesting.startServer()) {
            fillCache(server.getConnectString(), cache);
            server.stop();

            try (ZooKeeperRegistry consumer =
                    registry(options(server.getConnectString()).cacheFile(cache).build())) {
                RegistryContractSnapshots first = new RegistryContractSnapshots();
                consumer.subscribe(ORDERS, first);
                await().atMost(WAIT).until(() -> first.latestEndpoints().size() == 2);

                long start = System.nanoTime();
                RegistryContractSnapshots later = new RegistryContractSnapshots();
                consumer.subscribe(ORDERS, later);
                await().atMost(WAIT).until(() -> later.latestEndpoints().size() == 2);

                // the connection timeout (1 s) is not waited for a second time
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .isLessThan(Duration.ofMillis(ZooKeeperTesting.CONNECTION_TIMEOUT_MILLIS));
            }
        }
    }

    @Test
    void cacheFile_followsTheLiveListAndIsRewrittenAfterEachChange() throws Exception {
        Path cache = directory.resolve("consumer.cache.json");
        try (TestingServer server = ZooKeeperTesting.startServer();
                ZooKeeperRegistry provider = registry(server.getConnectString());
                ZooKeeperRegistry consumer = registry(
                        options(server.getConnectString()).cacheFile(cache).build())) {
            consumer.subscribe(ORDERS, instances -> {});
            provider.register(instance(ORDERS, 20880));
            await().atMost(WAIT)
                    .until(() -> Files.exists(cache) && Files.readString(cache).contains("127.0.0.1:20880"));

            provider.register(instance(ORDERS, 20881));

            await().atMost(WAIT).until(() -> Files.readString(cache).contains("127.0.0.1:20881"));
            try (var files = Files.list(directory)) {
                assertThat(files).as("no temporary file left behind").containsExactly(cache);
            }
        }
    }

    @Test
    void truncatedCacheFile_withStrictCacheFile_failsCreationWithAClearError() throws Exception {
        Path cache = truncatedCache();

        assertThatThrownBy(() -> registry(options("127.0.0.1:1")
                        .cacheFile(cache)
                        .strictCacheFile(true)
                        .build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Registry cache file " + cache + " is unreadable")
                .hasMessageContaining("strictCacheFile=false");
    }

    @Test
    void truncatedCacheFile_byDefault_givesAnEmptyListWhileZooKeeperIsDown() throws Exception {
        Path cache = truncatedCache();
        // nothing listens on port 1 of 127.0.0.1: ZooKeeper is down
        try (ZooKeeperRegistry consumer =
                registry(options("127.0.0.1:1").cacheFile(cache).build())) {
            RegistryContractSnapshots recorder = new RegistryContractSnapshots();
            consumer.subscribe(ORDERS, recorder);

            await().atMost(WAIT).until(() -> recorder.latest() != null);
            assertThat(recorder.latest()).isEmpty();
        }
    }

    private Path truncatedCache() throws Exception {
        Path cache = directory.resolve("truncated.cache.json");
        try (TestingServer server = ZooKeeperTesting.startServer()) {
            fillCache(server.getConnectString(), cache);
        }
        byte[] content = Files.readAllBytes(cache);
        Files.write(cache, java.util.Arrays.copyOf(content, content.length / 2));
        return cache;
    }

    private static void fillCache(String connectString, Path cache) {
        try (ZooKeeperRegistry provider = registry(connectString);
                ZooKeeperRegistry consumer =
                        registry(options(connectString).cacheFile(cache).build())) {
            consumer.subscribe(ORDERS, instances -> {});
            provider.register(instance(ORDERS, 20880));
            provider.register(instance(ORDERS, 20881));
            await().atMost(WAIT)
                    .until(() -> Files.exists(cache)
                            && Files.readString(cache).contains("127.0.0.1:20880")
                            && Files.readString(cache).contains("127.0.0.1:20881"));
        }
    }
}
