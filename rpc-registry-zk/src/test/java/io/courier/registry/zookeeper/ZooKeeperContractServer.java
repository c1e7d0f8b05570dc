package io.courier.registry.zookeeper;

import io.courier.api.registry.RegistryHarness;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A ZooKeeper server for one registry contract class ({@code @RegisterExtension static}): started
 * before its tests, stopped after them, with the {@link ZooKeeperContractHarness} on it.
 */
final class ZooKeeperContractServer implements BeforeAllCallback, AfterAllCallback {

    private TestingServer server;
    private ZooKeeperContractHarness harness;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = ZooKeeperTesting.startServer();
        harness = ZooKeeperContractHarness.zookeeper(server.getConnectString());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        harness.close();
        server.close();
    }

    RegistryHarness harness() {
        return harness;
    }
}
