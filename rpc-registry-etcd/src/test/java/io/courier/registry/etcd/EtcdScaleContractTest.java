package io.courier.registry.etcd;

import io.courier.api.registry.RegistryHarness;
import io.courier.api.registry.RegistryScaleContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RegistryScaleContract} on a real single-member etcd, through the {@code etcd} extension. */
class EtcdScaleContractTest extends RegistryScaleContract {

    @RegisterExtension
    static final EtcdContractServer etcd = new EtcdContractServer();

    @Override
    protected RegistryHarness harness() {
        return etcd.harness();
    }
}
