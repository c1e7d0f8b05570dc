package io.courier.registry.zookeeper;

import io.courier.api.coordination.CoordinationContract;
import io.courier.api.registry.Registry;
import org.junit.jupiter.api.AutoClose;

/** The coordination contract on a real ZooKeeper (one server per test), through Curator's recipes. */
class ZooKeeperCoordinationContractTest extends CoordinationContract {

    @AutoClose
    private final CoordinationServer zooKeeper = new CoordinationServer();

    @Override
    protected Registry openRegistry() {
        return zooKeeper.newRegistry();
    }

    @Override
    protected void endSession(Registry registry) throws Exception {
        ZooKeeperTesting.expireSession((ZooKeeperRegistry) registry, zooKeeper.server.getConnectString());
    }

    @Override
    protected void stopStore() throws Exception {
        zooKeeper.server.stop();
    }

    @Override
    protected void restartStore() throws Exception {
        zooKeeper.server.restart();
    }

    @Override
    protected long sessionTimeoutMillis() {
        return ZooKeeperTesting.SESSION_TIMEOUT_MILLIS;
    }
}
