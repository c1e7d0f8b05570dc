package io.courier.registry.zookeeper;

import io.courier.api.registry.RegistryHarness;
import io.courier.api.registry.RegistryScaleContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RegistryScaleContract} on a ZooKeeper server, through the {@code zookeeper} extension. */
class ZooKeeperScaleContractTest extends RegistryScaleContract {

    @RegisterExtension
    static final ZooKeeperContractServer server = new ZooKeeperContractServer();

    @Override
    protected RegistryHarness harness() {
        return server.harness();
    }
}
