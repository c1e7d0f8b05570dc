package io.courier.registry.zookeeper;

import java.util.ArrayList;
import java.util.List;
import org.apache.curator.test.TestingServer;

/** A ZooKeeper server for the coordination tests and the registries made on it, closed together. */
final class CoordinationServer implements AutoCloseable {

    final TestingServer server;
    private final List<ZooKeeperRegistry> registries = new ArrayList<>();

    CoordinationServer() {
        try {
            this.server = ZooKeeperTesting.startServer();
        } catch (Exception e) {
            throw new IllegalStateException("ZooKeeper did not start", e);
        }
    }

    /** A registry client of this server (or of {@code connectString}), closed with it. */
    ZooKeeperRegistry newRegistry() {
        return newRegistry(server.getConnectString());
    }

    ZooKeeperRegistry newRegistry(String connectString) {
        ZooKeeperRegistry registry = ZooKeeperTesting.registry(connectString);
        registries.add(registry);
        return registry;
    }

    @Override
    public void close() throws Exception {
        registries.forEach(ZooKeeperRegistry::close);
        server.close();
    }
}
