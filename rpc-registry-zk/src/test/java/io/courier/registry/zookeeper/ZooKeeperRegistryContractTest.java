package io.courier.registry.zookeeper;

import io.courier.api.registry.RegistryContract;
import io.courier.api.registry.RegistryHarness;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The registry contract on a ZooKeeper server, through the {@code zookeeper} extension. */
class ZooKeeperRegistryContractTest extends RegistryContract {

    private static TestingServer server;
    private static ZooKeeperContractHarness harness;

    @BeforeAll
    static void startServer() throws Exception {
        server = ZooKeeperTesting.startServer();
        harness = ZooKeeperContractHarness.zookeeper(server.getConnectString());
    }

    @AfterAll
    static void stopServer() throws Exception {
        harness.close();
        server.close();
    }

    @Override
    protected RegistryHarness harness() {
        return harness;
    }
}
