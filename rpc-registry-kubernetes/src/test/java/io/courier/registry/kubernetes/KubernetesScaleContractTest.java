package io.courier.registry.kubernetes;

import io.courier.api.registry.RegistryHarness;
import io.courier.api.registry.RegistryScaleContract;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link RegistryScaleContract} on a Kubernetes API server ({@link KubernetesApiServer}), through the {@code
 * kubernetes} extension, every case, with one slice per raw registration. One mock server per test.
 */
@ExtendWith(ApiServerPerTest.class)
class KubernetesScaleContractTest extends RegistryScaleContract {

    @Override
    protected RegistryHarness harness() {
        return new KubernetesContractHarness(ApiServerPerTest.server());
    }
}
