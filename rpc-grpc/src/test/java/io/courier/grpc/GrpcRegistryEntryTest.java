package io.courier.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.RegistryOptions;
import io.courier.api.store.RegistryStore;
import io.courier.bootstrap.Courier;
import java.time.Duration;
import java.util.List;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A provider's registry entry lists the protocols its port serves, so gateways and consumers can read them. */
@Timeout(60)
class GrpcRegistryEntryTest {

    @Test
    void theEntryListsGrpc_andWithGrpcOffOnlyCourier() throws Exception {
        try (TestingServer zookeeper = new TestingServer(true);
                RegistryStore store = RegistryStore.open(
                        RegistryOptions.builder(zookeeper.getConnectString()).build())) {
            assertThat(protocolsOf(zookeeper, store, "true")).containsExactly("courier", "grpc");
            assertThat(protocolsOf(zookeeper, store, "false")).containsExactly("courier");
        }
    }

    private static List<String> protocolsOf(TestingServer zookeeper, RegistryStore store, String grpcEnabled) {
        ServiceKey key = ServiceKey.of(Probe.class);
        try (Courier provider = Courier.builder()
                .application("grpc-registered")
                .registry("zookeeper://" + zookeeper.getConnectString())
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .property("courier.server.advertised-host", "127.0.0.1")
                .property("courier.grpc.enabled", grpcEnabled)
                .export(new GrpcProviderPathTest.ProbeService())
                .start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> store.catalog().providers(key).stream()
                    .anyMatch(i -> i.endpoint().port() == provider.port()));
            ServiceInstance instance = store.catalog().providers(key).stream()
                    .filter(i -> i.endpoint().port() == provider.port())
                    .findFirst()
                    .orElseThrow();
            return instance.protocols();
        }
    }
}
