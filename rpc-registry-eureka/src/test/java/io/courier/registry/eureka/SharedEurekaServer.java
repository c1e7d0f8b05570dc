package io.courier.registry.eureka;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link EurekaServer} for every test class of this module ({@code @ExtendWith}): started before the
 * first class, kept in the launcher session's store (one per test JVM) and closed by JUnit when the run ends. A child JVM with Spring
 * Boot takes seconds to start; every test works under a root or application of its own, so they share it.
 */
final class SharedEurekaServer implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedEurekaServer.class);
    private static volatile EurekaServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        // The launcher session's store, not the root context's: Surefire runs each test class as its own
        // execution request, whose root store (and server) closed after every class; the session lasts
        // as long as the test JVM.
        server = context.getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, NAMESPACE)
                .getOrComputeIfAbsent(EurekaServer.class, type -> EurekaServer.start(), EurekaServer.class);
    }

    static EurekaServer server() {
        return server;
    }
}
