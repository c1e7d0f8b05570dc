package io.courier.registry.eureka;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link EurekaServer} for every test class of this module ({@code @ExtendWith}): started before the
 * first class, kept in JUnit's root store and closed by JUnit when the run ends. A child JVM with Spring
 * Boot takes seconds to start; every test works under a root or application of its own, so they share it.
 */
final class SharedEurekaServer implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedEurekaServer.class);
    private static volatile EurekaServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(EurekaServer.class, type -> EurekaServer.start(), EurekaServer.class);
    }

    static EurekaServer server() {
        return server;
    }
}
