package io.courier.registry.mdns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryFactory;
import io.courier.api.registry.RegistryOptions;
import io.courier.api.store.RegistryStoreFactory;
import io.courier.registry.mdns.internal.Announcements;
import io.courier.spi.ExtensionLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the mDNS registry refuses, in words: what it does not offer, and what does not fit multicast DNS. */
@ExtendWith(LoopbackMulticast.class)
@Timeout(30)
class MdnsRegistryTest {

    private static final ServiceKey ORDERS = ServiceKey.parse("io.example.Orders");

    private static RegistryOptions.Builder options() {
        return new MdnsContractHarness().options("/refusals");
    }

    private static Registry open(RegistryOptions options) {
        return ExtensionLoader.of(RegistryFactory.class).get("mdns").create(options);
    }

    private static ServiceInstance instance(int port) {
        return ServiceInstance.builder(ORDERS, Endpoint.of("127.0.0.1", port)).build();
    }

    @Test
    void whatIsNotOffered_isRefusedInWords() {
        RegistryOptions options = options().build();
        assertThatThrownBy(() -> ExtensionLoader.of(RegistryStoreFactory.class)
                        .get("mdns")
                        .open(options))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("offers discovery only")
                .hasMessageContaining("coordination")
                .hasMessageContaining("zookeeper:// or etcd://");
        try (Registry registry = open(options)) {
            assertThat(registry.coordination()).isEmpty();
            assertThat(registry.metadata(ORDERS)).isEmpty();
        }
    }

    @Test
    void aReRegisteredInstance_reachesTheConsumerUpdated() {
        try (Registry provider = open(options().build());
                Registry consumer = open(options().build())) {
            List<List<ServiceInstance>> lists = new CopyOnWriteArrayList<>();
            consumer.subscribe(ORDERS, lists::add);
            provider.register(instance(20_881));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !lists.isEmpty() && lists.get(lists.size() - 1).equals(List.of(instance(20_881))));

            int before = lists.size();
            ServiceInstance heavier = instance(20_881).toBuilder().weight(500).build();
            provider.register(heavier);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> lists.get(lists.size() - 1).equals(List.of(heavier)));
            // updated in place: never gone meanwhile
            assertThat(lists.subList(before, lists.size())).noneMatch(List::isEmpty);
        }
    }

    @Test
    void aClientAnnouncesAtMostItsLimit_andNoDocumentTooLargeForATxtRecord() {
        try (Registry registry = open(options().build())) {
            for (int port = 1; port <= Announcements.MAX_INSTANCES; port++) {
                registry.register(instance(port));
            }
            registry.register(instance(1)); // a replacement is not one more
            assertThatThrownBy(() -> registry.register(instance(Announcements.MAX_INSTANCES + 1)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expected: at most " + Announcements.MAX_INSTANCES + " per client");

            List<String> methods = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                methods.add("findOrderByCustomerAndDate" + i + "(JLjava/lang/String;)");
            }
            ServiceInstance large = ServiceInstance.builder(
                            ServiceKey.parse("io.example.Large"), Endpoint.of("127.0.0.1", 1))
                    .methods(methods)
                    .build();
            assertThatThrownBy(() -> registry.register(large))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expected: at most 1000 for mdns");
        }
    }

    @Test
    void badAddressesAndOptions_areRefusedWithTheExpectation() {
        for (String address : List.of("mdns://localhost", "mdns://127.0.0.1:5353", "mdns://192.0.2.254")) {
            assertThatThrownBy(() -> open(options().build().withAddress(address)))
                    .as(address)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expected: mdns:// or mdns://a.b.c.d");
        }
        assertThatThrownBy(() -> open(options().sessionTimeoutMillis(2_000).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sessionTimeoutMillis: 2000 (expected: at least 3000 for mdns");
        assertThatThrownBy(() -> open(options().digestAuth("user:secret").build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
    }

    @Test
    void oneJvm_announcesOneTtl() {
        try (Registry first = open(options().build())) { // fixes this JVM's TTL at 3 s, as every test here does
            assertThatThrownBy(() -> open(options().sessionTimeoutMillis(30_000).build()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("sessionTimeoutMillis: 30000 (expected: 3000")
                    .hasMessageContaining("JmDNS keeps one TTL per JVM");
        }
    }
}
