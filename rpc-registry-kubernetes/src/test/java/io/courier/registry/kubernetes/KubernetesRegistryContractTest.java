package io.courier.registry.kubernetes;

import io.courier.api.registry.RegistryContract;
import io.courier.api.registry.RegistryHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link RegistryContract} on a Kubernetes API server ({@link KubernetesApiServer}), through the {@code
 * kubernetes} extension; the one case the mock server cannot serve is skipped with its reason ({@link
 * MockServerLimits}). One mock server per test (it starts in-process in milliseconds): a watch it is still
 * writing to after its client closed can stall it for 30 s, and that must not reach the next test.
 */
@ExtendWith(MockServerLimits.class)
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
