package io.courier.registry.etcd;

import static io.courier.registry.etcd.EtcdRegistryTest.instance;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.ServiceKey;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The etcd registry's cache file: consumers that start while etcd is down, with a good, a truncated or no cache. */
@Timeout(60)
class EtcdCacheFileTest {

    private static final ServiceKey ORDERS = ServiceKey.parse("io.example.Orders");
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long CONNECTION_TIMEOUT_MILLIS = 1_000;

    @RegisterExtension
    static final EtcdPerClass ETCD = new EtcdPerClass();

    @TempDir
    Path directory;

    private static RegistryOptions.Builder options(String address) {
        return RegistryOptions.builder(address).connectionTimeoutMillis(CONNECTION_TIMEOUT_MILLIS);
    }

    private static Registry registry(RegistryOptions options) {
        return new EtcdRegistryFactory().create(options);
    }

    /** An address nothing listens on: etcd is down. */
    private static String nowhere() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "etcd://127.0.0.1:" + socket.getLocalPort();
        }
    }

    @Test
    void consumerStartedWhileEtcdIsDown_getsTheCachedProvidersWithinThreeSeconds() throws Exception {
        Path cache = directory.resolve("consumer.cache.json");
        fillCache(cache, "/cache-down");
        ETCD.server().stop();
        try {
            long start = System.nanoTime();
            try (Registry consumer = registry(options(ETCD.server().address())
                    .root("/cache-down")
                    .cacheFile(cache)
                    .build())) {
                Snapshots snapshots = new Snapshots();
                consumer.subscribe(ORDERS, snapshots);

                await().atMost(Duration.ofSeconds(3).minusNanos(System.nanoTime() - start))
                        .until(() -> providers(snapshots) == 2);
                assertThat(snapshots.latest()).containsExactly(instance(ORDERS, 20880), instance(ORDERS, 20881));

                // etcd comes back with another provider (the cached ones withdrew): the live list wins
                ETCD.server().restart();
                try (Registry provider = registry(
                        options(ETCD.server().address()).root("/cache-down").build())) {
                    provider.register(instance(ORDERS, 20882));
                    await().atMost(WAIT)
                            .until(() -> List.of(instance(ORDERS, 20882)).equals(snapshots.latest()));
                }
            }
        } finally {
            ETCD.server().restart();
        }
    }

    @Test
    void whileEtcdHasNeverAnswered_laterSubscriptionsGetTheCachedListWithoutWaitingAgain() throws Exception {
        Path cache = directory.resolve("consumer.cache.json");
        fillCache(cache, "/cache-later");
        try (Registry consumer = registry(options(nowhere()).cacheFile(cache).build())) {
            Snapshots first = new Snapshots();
            consumer.subscribe(ORDERS, first);
            await().atMost(WAIT).until(() -> providers(first) == 2);

            long start = System.nanoTime();
            Snapshots later = new Snapshots();
            consumer.subscribe(ORDERS, later);
            await().atMost(WAIT).until(() -> providers(later) == 2);

            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("the connection timeout is not waited for a second time")
                    .isLessThan(Duration.ofMillis(CONNECTION_TIMEOUT_MILLIS));
        }
    }

    @Test
    void cacheFile_followsTheLiveListAndIsRewrittenAfterEachChange() throws Exception {
        Path cache = directory.resolve("consumer.cache.json");
        try (Registry provider = registry(
                        options(ETCD.server().address()).root("/cache-live").build());
                Registry consumer = registry(options(ETCD.server().address())
                        .root("/cache-live")
                        .cacheFile(cache)
                        .build())) {
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

        assertThatThrownBy(() -> registry(options(nowhere())
                        .cacheFile(cache)
                        .strictCacheFile(true)
                        .build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Registry cache file " + cache + " is unreadable")
                .hasMessageContaining("strictCacheFile=false");
    }

    @Test
    void truncatedCacheFile_byDefault_givesAnEmptyListWhileEtcdIsDown() throws Exception {
        Path cache = truncatedCache();
        try (Registry consumer = registry(options(nowhere()).cacheFile(cache).build())) {
            Snapshots snapshots = new Snapshots();
            consumer.subscribe(ORDERS, snapshots);

            await().atMost(WAIT).until(() -> snapshots.latest() != null);
            assertThat(snapshots.latest()).isEmpty();
        }
    }

    /** How many providers the last delivered list has; -1 before the first. */
    private static int providers(Snapshots snapshots) {
        return snapshots.latest() == null ? -1 : snapshots.latest().size();
    }

    private Path truncatedCache() throws Exception {
        Path cache = directory.resolve("truncated.cache.json");
        fillCache(cache, "/cache-truncated");
        byte[] content = Files.readAllBytes(cache);
        Files.write(cache, Arrays.copyOf(content, content.length / 2));
        return cache;
    }

    private static void fillCache(Path cache, String root) throws Exception {
        try (Registry provider =
                        registry(options(ETCD.server().address()).root(root).build());
                Registry consumer = registry(options(ETCD.server().address())
                        .root(root)
                        .cacheFile(cache)
                        .build())) {
            consumer.subscribe(ORDERS, instances -> {});
            provider.register(instance(ORDERS, 20880));
            provider.register(instance(ORDERS, 20881));
            provider.registration(instance(ORDERS, 20881)).get(10, TimeUnit.SECONDS);
            await().atMost(WAIT)
                    .until(() -> Files.exists(cache)
                            && Files.readString(cache).contains("127.0.0.1:20880")
                            && Files.readString(cache).contains("127.0.0.1:20881"));
        }
    }
}
