package io.courier.registry.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.registry.RegistryOptions;
import io.courier.api.store.DocumentKey;
import io.courier.api.store.RegistryStore;
import io.courier.api.store.RegistryStoreContract;
import io.courier.api.store.StoreException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The registry store contract on a ZooKeeper server, through the {@code zookeeper} extensions; and
 * what only ZooKeeper shows: where the documents live, the documents written by hand, an ensemble
 * that cannot be reached.
 */
class ZooKeeperStoreContractTest extends RegistryStoreContract {

    private static TestingServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = ZooKeeperTesting.startServer();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Override
    protected String address() {
        return "zookeeper://" + server.getConnectString();
    }

    @Test
    void documents_liveWhereTheRegistryReadsThem_andAHandWrittenOneIsVersion0() throws Exception {
        try (RegistryStore store = RegistryStore.open(
                        RegistryOptions.builder(server.getConnectString()).build());
                CuratorFramework client = ZooKeeperTesting.inspector(server.getConnectString())) {
            String path = "/courier/_config/handmade/applications/shop";
            client.create().creatingParentsIfNeeded().forPath(path, "version: 1\n".getBytes(StandardCharsets.UTF_8));

            var current = store.documents().current(DocumentKey.application("handmade", "shop"));

            assertThat(current).hasValueSatisfying(version -> {
                assertThat(version.number()).isZero();
                assertThat(version.author()).isEqualTo("unknown");
                assertThat(version.text()).isEqualTo("version: 1\n");
            });
        }
    }

    @Test
    void unreachableEnsemble_failsWithinTheConnectionTimeout() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> RegistryStore.open(RegistryOptions.builder("zookeeper://127.0.0.1:" + closedPort)
                        .connectionTimeoutMillis(300)
                        .build()))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("not reachable within 300 ms");
    }
}
