package io.courier.registry.kubernetes;

import io.courier.api.registry.RegistryContract;
import io.courier.api.registry.RegistryHarness;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link RegistryContract} on a Kubernetes API server ({@link KubernetesApiServer}), through the {@code
 * kubernetes} extension, every case. One mock server per test, so that no test sees another's slices or
 * watches.
 */
@ExtendWith(ApiServerPerTest.class)
class KubernetesRegistryContractTest extends RegistryContract {

    @Override
    protected RegistryHarness harness() {
        return new KubernetesContractHarness(ApiServerPerTest.server());
    }
}
