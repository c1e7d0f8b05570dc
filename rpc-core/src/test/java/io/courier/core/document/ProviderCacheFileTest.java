package io.courier.core.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderCacheFileTest {

    private static final ServiceKey ORDERS = ServiceKey.parse("io.example.Orders");
    private static final ServiceKey STOCK = ServiceKey.parse("blue/io.example.Stock:2");

    @TempDir
    Path directory;

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void writtenFile_readsBackTheSameProviders() throws Exception {
        Path file = directory.resolve("nested/dir/cache.json");
        ProviderCacheFile cache = ProviderCacheFile.open(file, true, pool);
        cache.update(ORDERS, List.of(instance(ORDERS, 2), instance(ORDERS, 1)));
        cache.update(STOCK, List.of());
        cache.close();

        ProviderCacheFile reopened = ProviderCacheFile.open(file, true, pool);
        assertThat(reopened.get(ORDERS)).contains(List.of(instance(ORDERS, 1), instance(ORDERS, 2)));
        assertThat(reopened.get(STOCK)).contains(List.of());
        assertThat(reopened.get(ServiceKey.parse("x.Y"))).isEmpty();
        assertThat(Files.readString(file)).startsWith("{\"format\": 1, \"savedAtMillis\": ");
    }

    @Test
    void updates_areWrittenInTheBackgroundByReplacingTheWholeFile() throws Exception {
        Path file = directory.resolve("cache.json");
        ProviderCacheFile cache = ProviderCacheFile.open(file, true, pool);

        cache.update(ORDERS, List.of(instance(ORDERS, 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file));
        Object before = Files.readAttributes(file, "unix:ino").get("ino");
        cache.update(ORDERS, List.of(instance(ORDERS, 1), instance(ORDERS, 3)));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> Files.readString(file).contains("127.0.0.1:3"));
        // a new file moved into place, never the old one rewritten in place
        assertThat(Files.readAttributes(file, "unix:ino").get("ino")).isNotEqualTo(before);
        try (var files = Files.list(directory)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void missingFile_isAnEmptyCache() {
        assertThat(ProviderCacheFile.open(directory.resolve("absent.json"), true, pool)
                        .get(ORDERS))
                .isEmpty();
    }

    @Test
    void noFile_meansNoCache() {
        ProviderCacheFile cache = ProviderCacheFile.open(null, true, pool);
        cache.update(ORDERS, List.of(instance(ORDERS, 1)));
        cache.close();
        assertThat(cache.get(ORDERS)).isEmpty();
    }

    @Test
    void truncatedFile_failsClearlyWhenStrictAndIsIgnoredOtherwise() throws Exception {
        Path file = directory.resolve("cache.json");
        ProviderCacheFile cache = ProviderCacheFile.open(file, true, pool);
        cache.update(ORDERS, List.of(instance(ORDERS, 1), instance(ORDERS, 2)));
        cache.close();
        byte[] content = Files.readAllBytes(file);
        for (int length : new int[] {0, 1, content.length / 3, content.length / 2, content.length - 1}) {
            Files.write(file, Arrays.copyOf(content, length));

            assertThatThrownBy(() -> ProviderCacheFile.open(file, true, pool))
                    .as("truncated to %d bytes", length)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("Registry cache file " + file + " is unreadable: ");
            assertThat(ProviderCacheFile.open(file, false, pool).get(ORDERS)).isEmpty();
        }
    }

    @Test
    void otherDefects_failClearly() throws Exception {
        Path file = directory.resolve("cache.json");
        for (String text : List.of(
                "{\"format\": 2, \"services\": {}}",
                "{\"format\": 1, \"services\": {\"a.B\": [{\"format\": 1, \"serviceKey\": \"c.D\", \"endpoint\": \"h:1\"}]}}",
                "{\"format\": 1, \"services\": {\"a.B\": 5}}",
                "!!java.io.File [\"/etc\"]",
                "\u0000\u0001binary")) {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            assertThatThrownBy(() -> ProviderCacheFile.open(file, true, pool))
                    .as(text)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(file.toString());
        }
    }

    private static ServiceInstance instance(ServiceKey key, int port) {
        return ServiceInstance.builder(key, Endpoint.of("127.0.0.1", port))
                .methods(List.of("find(J)"))
                .build();
    }
}
