package io.courier.registry.kubernetes;

import io.courier.api.registry.RegistryContract;
import io.courier.api.registry.RegistryHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link RegistryContract} on a Kubernetes API server ({@link KubernetesApiServer}), through the {@code
 * kubernetes} extension; the one case the mock server cannot serve is skipped with its reason ({@link
 * MockServerLimits}).
 */
@ExtendWith(MockServerLimits.class)
class KubernetesRegistryContractTest extends RegistryContract {

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
