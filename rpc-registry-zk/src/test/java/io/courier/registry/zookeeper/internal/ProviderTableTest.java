package io.courier.registry.zookeeper.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ProviderTableTest {

    private static final ServiceKey ORDERS = ServiceKey.parse("io.example.Orders");
    private static final String PARENT = "/courier/io.example.Orders/providers";

    private final ProviderTable table = new ProviderTable();
    private final AtomicInteger decoded = new AtomicInteger();

    @Test
    void sameNodeReadAgain_isNotDecodedAgainAndNoChange() {
        assertThat(table.put(path("h", 1), 10, decoder(instance("h", 1, 100)))).isTrue();
        assertThat(table.put(path("h", 1), 10, decoder(instance("h", 1, 999)))).isFalse();

        assertThat(decoded).hasValue(1);
        assertThat(table.snapshot()).extracting(ServiceInstance::weight).containsExactly(100);
    }

    @Test
    void nodeReplacedWithTheSameDataVersion_isAChange() {
        // deleted and re-created while the consumer was away: version 0 both times, another mzxid
        table.put(path("h", 1), 10, decoder(instance("h", 1, 100)));

        assertThat(table.put(path("h", 1), 20, decoder(instance("h", 1, 200)))).isTrue();
        assertThat(table.snapshot()).extracting(ServiceInstance::weight).containsExactly(200);
    }

    @Test
    void snapshot_isSortedByHostThenPort_andTheSameListUntilAChange() {
        table.put(path("b", 2), 1, decoder(instance("b", 2, 1)));
        table.put(path("a", 10), 2, decoder(instance("a", 10, 1)));
        table.put(path("a", 9), 3, decoder(instance("a", 9, 1)));

        List<ServiceInstance> first = table.snapshot();
        assertThat(first).extracting(instance -> instance.endpoint().toString()).containsExactly("a:9", "a:10", "b:2");
        assertThat(table.snapshot()).isSameAs(first);
        table.put(path("a", 9), 3, decoder(instance("a", 9, 1)));
        assertThat(table.snapshot()).as("re-read without change").isSameAs(first);

        assertThat(table.remove(path("a", 10))).isTrue();
        assertThat(table.snapshot())
                .extracting(instance -> instance.endpoint().toString())
                .containsExactly("a:9", "b:2");
    }

    @Test
    void rejectedData_isNoInstance_andItsRemovalNoChange() {
        assertThat(table.put(path("h", 1), 10, decoder(null))).isFalse();
        assertThat(table.snapshot()).isEmpty();
        assertThat(table.size()).isOne();

        assertThat(table.remove(path("h", 1))).isFalse();
        assertThat(table.size()).isZero();
    }

    @Test
    void dataRejectedAfterAValidVersion_dropsTheInstance() {
        table.put(path("h", 1), 10, decoder(instance("h", 1, 100)));

        assertThat(table.put(path("h", 1), 11, decoder(null))).isTrue();
        assertThat(table.snapshot()).isEmpty();
    }

    @Test
    void retainAll_forgetsTheNodesNoLongerListed() {
        table.put(path("h", 1), 1, decoder(instance("h", 1, 1)));
        table.put(path("h", 2), 2, decoder(instance("h", 2, 1)));

        assertThat(table.retainAll(Set.of(path("h", 2)))).isTrue();
        assertThat(table.retainAll(Set.of(path("h", 2)))).isFalse();
        assertThat(table.snapshot())
                .extracting(instance -> instance.endpoint().port())
                .containsExactly(2);
    }

    private Function<String, ServiceInstance> decoder(ServiceInstance instance) {
        return path -> {
            decoded.incrementAndGet();
            return instance;
        };
    }

    private static String path(String host, int port) {
        return PARENT + "/" + host + ":" + port;
    }

    private static ServiceInstance instance(String host, int port, int weight) {
        return ServiceInstance.builder(ORDERS, Endpoint.of(host, port))
                .weight(weight)
                .build();
    }
}
