package io.courier.registry.kubernetes;

import io.courier.api.registry.RegistryContract;
import io.courier.api.registry.RegistryHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@link RegistryContract} on a Kubernetes API server ({@link KubernetesApiServer}), through the {@code
 * kubernetes} extension, every case. One mock server per test (it starts in-process in milliseconds), so
 * that no test sees another's slices or watches.
 */
class KubernetesRegistryContractTest extends RegistryContract {

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
