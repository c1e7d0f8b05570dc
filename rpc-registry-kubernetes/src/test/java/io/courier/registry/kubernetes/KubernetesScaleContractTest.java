package io.courier.registry.kubernetes;

import io.courier.api.registry.RegistryHarness;
import io.courier.api.registry.RegistryScaleContract;
import org.junit.jupiter.api.AfterAll;

/** {@link RegistryScaleContract} on a Kubernetes API server ({@link KubernetesApiServer}), through the {@code kubernetes} extension. */
class KubernetesScaleContractTest extends RegistryScaleContract {

    private static final KubernetesApiServer server = new KubernetesApiServer();

    @AfterAll
    static void stop() {
        server.close();
    }

    @Override
    protected RegistryHarness harness() {
        return new KubernetesContractHarness(server);
    }
}
