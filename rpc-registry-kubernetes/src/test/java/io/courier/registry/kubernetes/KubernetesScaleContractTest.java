package io.courier.registry.kubernetes;

import io.courier.api.registry.RegistryHarness;
import io.courier.api.registry.RegistryScaleContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link RegistryScaleContract} on a Kubernetes API server ({@link KubernetesApiServer}), through the {@code
 * kubernetes} extension, every case. One mock server per test, as in {@link KubernetesRegistryContractTest}.
 */
class KubernetesScaleContractTest extends RegistryScaleContract {

    private KubernetesApiServer server;

    @BeforeEach
    void startServer() {
        server = new KubernetesApiServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Override
    protected RegistryHarness harness() {
        return new KubernetesContractHarness(server);
    }
}
