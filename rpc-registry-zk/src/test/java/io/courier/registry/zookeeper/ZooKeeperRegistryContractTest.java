package io.courier.registry.zookeeper;

import io.courier.api.registry.Registry;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The registry contract on a ZooKeeper server, through the {@code zookeeper} extension. */
class ZooKeeperRegistryContractTest extends RegistryContract {

    private TestingServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = ZooKeeperTesting.startServer();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    @Override
    Registry newRegistry() {
        return ZooKeeperTesting.registry(server.getConnectString());
    }
}
