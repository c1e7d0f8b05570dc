package io.courier.registry.zookeeper;

import io.courier.api.registry.RegistryContract;
import io.courier.api.registry.RegistryHarness;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RegistryContract} on a ZooKeeper server, through the {@code zookeeper} extension. */
class ZooKeeperRegistryContractTest extends RegistryContract {

    @RegisterExtension
    static final ZooKeeperContractServer server = new ZooKeeperContractServer();

    @Override
    protected RegistryHarness harness() {
        return server.harness();
    }
}
