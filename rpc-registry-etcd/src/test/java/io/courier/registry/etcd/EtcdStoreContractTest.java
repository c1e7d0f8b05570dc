package io.courier.registry.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.registry.RegistryOptions;
import io.courier.api.store.DocumentKey;
import io.courier.api.store.DocumentVersion;
import io.courier.api.store.RegistryStore;
import io.courier.api.store.RegistryStoreContract;
import io.courier.api.store.StoreException;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The registry store contract on a real etcd, through the {@code etcd} extensions; and what only etcd
 * shows: the keys the documents live at, a document written by hand, a cluster that cannot be reached.
 */
class EtcdStoreContractTest extends RegistryStoreContract {

    @RegisterExtension
    static final EtcdPerClass ETCD = new EtcdPerClass();

    @Override
    protected String address() {
        return ETCD.server().address();
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    @Test
    void documents_liveWhereTheRegistryReadsThem_andAHandWrittenOneIsVersion0() throws Exception {
        try (RegistryStore store = RegistryStore.open(
                        RegistryOptions.builder(ETCD.server().address()).build());
                Client client = ETCD.server().client()) {
            String key = "/courier/_config/handmade/applications/shop";
            client.getKVClient().put(bytes(key), bytes("version: 1\n")).get(5, TimeUnit.SECONDS);

            var current = store.documents().current(DocumentKey.application("handmade", "shop"));

            assertThat(current).hasValueSatisfying(version -> {
                assertThat(version.number()).isZero();
                assertThat(version.author()).isEqualTo("unknown");
                assertThat(version.instant()).isEqualTo(Instant.EPOCH);
                assertThat(version.text()).isEqualTo("version: 1\n");
            });

            store.documents()
                    .write(
                            DocumentKey.service("handmade", io.courier.api.ServiceKey.parse("g/io.example.A:1")),
                            new DocumentVersion(1, "bob", Instant.EPOCH, "", "version: 1\n"),
                            5);
            var keys = client
                    .getKVClient()
                    .get(
                            bytes("/courier/_config/handmade/services/"),
                            GetOption.builder()
                                    .isPrefix(true)
                                    .withKeysOnly(true)
                                    .build())
                    .get(5, TimeUnit.SECONDS)
                    .getKvs()
                    .stream()
                    .map(kv -> kv.getKey().toString(StandardCharsets.UTF_8))
                    .toList();
            assertThat(keys)
                    .containsExactly(
                            "/courier/_config/handmade/services/g%2Fio.example.A:1",
                            "/courier/_config/handmade/services/g%2Fio.example.A:1/_versions/0000000001");
        }
    }

    @Test
    void unreachableCluster_failsWithinTheConnectionTimeout() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> RegistryStore.open(RegistryOptions.builder("etcd://127.0.0.1:" + closedPort)
                        .connectionTimeoutMillis(500)
                        .build()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("not reachable within 500 ms");
    }
}
