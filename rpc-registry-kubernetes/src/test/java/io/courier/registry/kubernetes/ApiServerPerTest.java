package io.courier.registry.kubernetes;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link KubernetesApiServer} of its own for each test of a contract class ({@code @ExtendWith}), so that
 * no test sees another's objects or watches, and a watch connection the mock server stalled on cannot reach
 * the next test. It starts in-process in milliseconds. The module's test classes run one test at a time.
 */
final class ApiServerPerTest implements BeforeEachCallback, AfterEachCallback {

    private static volatile KubernetesApiServer server;

    @Override
    public void beforeEach(ExtensionContext context) {
        server = new KubernetesApiServer();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        server.close();
    }

    /** The running test's server. */
    static KubernetesApiServer server() {
        return server;
    }
}
