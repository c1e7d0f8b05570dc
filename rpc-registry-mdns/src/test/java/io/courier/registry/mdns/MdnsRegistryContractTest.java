package io.courier.registry.mdns;

import io.courier.api.registry.RegistryContract;
import io.courier.api.registry.RegistryHarness;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link RegistryContract} on real multicast DNS on the loopback, through the {@code mdns} extension. */
@ExtendWith(LoopbackMulticast.class)
class MdnsRegistryContractTest extends RegistryContract {

    @Override
    protected RegistryHarness harness() {
        return new MdnsContractHarness();
    }
}
