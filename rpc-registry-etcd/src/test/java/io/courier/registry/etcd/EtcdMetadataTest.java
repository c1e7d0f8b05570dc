package io.courier.registry.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.ServiceKey;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryOptions;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Service metadata on a real etcd: one key per digest, written once, kept when its publishers leave. */
@Timeout(60)
class EtcdMetadataTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ServiceKey ORDERS = ServiceKey.parse("shop/io.example.Orders:1");

    @RegisterExtension
    static final EtcdPerClass ETCD = new EtcdPerClass();

    private static Registry registry(String root) {
        return new EtcdRegistryFactory()
                .create(RegistryOptions.builder(ETCD.server().address())
                        .root(root)
                        .build());
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    @Test
    void publish_writesOneKeyPerDigest_onceAndUnderNoLease_keptWhenTheProviderLeaves() throws Exception {
        byte[] v1 = "{\"v\":1}".getBytes(StandardCharsets.UTF_8);
        byte[] v2 = "{\"v\":2}".getBytes(StandardCharsets.UTF_8);
        try (Registry first = registry("/metadata-kept");
                Registry second = registry("/metadata-kept");
                Client inspector = ETCD.server().client()) {
            first.publishMetadata(ORDERS, "aaa1", v1);
            await().atMost(WAIT).until(() -> first.metadata(ORDERS).containsKey("aaa1"));
            // a digest names its content: a second publisher never rewrites it
            second.publishMetadata(ORDERS, "aaa1", "{\"other\":true}".getBytes(StandardCharsets.UTF_8));
            second.publishMetadata(ORDERS, "bbb2", v2);
            await().atMost(WAIT).until(() -> first.metadata(ORDERS).size() == 2);

            assertThat(first.metadata(ORDERS)).containsOnlyKeys("aaa1", "bbb2");
            assertThat(first.metadata(ORDERS).get("bbb2")).isEqualTo(v2);
            assertThat(first.servicesWithMetadata()).containsExactly(ORDERS);
            List<KeyValue> kvs = inspector
                    .getKVClient()
                    .get(bytes("/metadata-kept/shop%2Fio.example.Orders:1/metadata/aaa1"))
                    .get(5, TimeUnit.SECONDS)
                    .getKvs();
            assertThat(kvs).singleElement().satisfies(kv -> {
                assertThat(kv.getLease()).as("no lease").isZero();
                assertThat(kv.getVersion()).as("written once").isEqualTo(1);
            });
        }
        try (Registry later = registry("/metadata-kept")) {
            assertThat(later.metadata(ORDERS)).containsOnlyKeys("aaa1", "bbb2");
            assertThat(later.metadata(ORDERS).get("aaa1")).isEqualTo(v1);
        }
    }

    @Test
    void oversizedOrForeignDocuments_areRefusedOrSkipped() throws Exception {
        try (Registry registry = registry("/metadata-refused");
                Client inspector = ETCD.server().client()) {
            assertThatThrownBy(() -> registry.publishMetadata(ORDERS, "big", new byte[Registry.MAX_METADATA_BYTES + 1]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at most");
            assertThatThrownBy(() -> registry.publishMetadata(ORDERS, "../x", new byte[1]))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("digest");
            inspector
                    .getKVClient()
                    .put(
                            bytes("/metadata-refused/shop%2Fio.example.Orders:1/metadata/huge"),
                            ByteSequence.from(new byte[Registry.MAX_METADATA_BYTES + 1]))
                    .get(5, TimeUnit.SECONDS);
            assertThat(registry.metadata(ORDERS)).isEmpty();
            assertThat(registry.metadata(ServiceKey.parse("io.example.Nothing")))
                    .isEmpty();
            assertThat(registry.servicesWithMetadata()).containsExactly(ORDERS);
        }
        Registry closed = registry("/metadata-refused");
        closed.close();
        assertThatThrownBy(() -> closed.metadata(ORDERS)).isInstanceOf(IllegalStateException.class);
    }
}
