package io.courier.registry.eureka;

import io.courier.api.registry.RegistryHarness;
import io.courier.api.registry.RegistryScaleContract;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link RegistryScaleContract} on the module's Eureka server ({@link EurekaServer}), through the {@code eureka} extension. */
@ExtendWith(SharedEurekaServer.class)
class EurekaScaleContractTest extends RegistryScaleContract {

    @Override
    protected RegistryHarness harness() {
        return new EurekaContractHarness(SharedEurekaServer.server());
    }
}
