package io.courier.registry.eureka;

import io.courier.api.registry.RegistryContract;
import io.courier.api.registry.RegistryHarness;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link RegistryContract} on a real Eureka server ({@link EurekaServer}), through the {@code eureka} extension. */
@ExtendWith(SharedEurekaServer.class)
class EurekaRegistryContractTest extends RegistryContract {

    @Override
    protected RegistryHarness harness() {
        return new EurekaContractHarness(SharedEurekaServer.server());
    }
}
