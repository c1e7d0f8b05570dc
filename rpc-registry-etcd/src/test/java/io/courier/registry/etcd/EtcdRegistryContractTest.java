package io.courier.registry.etcd;

import io.courier.api.registry.RegistryContract;
import io.courier.api.registry.RegistryHarness;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RegistryContract} on a real single-member etcd, through the {@code etcd} extension. */
class EtcdRegistryContractTest extends RegistryContract {

    @RegisterExtension
    static final EtcdContractServer etcd = new EtcdContractServer();

    @Override
    protected RegistryHarness harness() {
        return etcd.harness();
    }
}
