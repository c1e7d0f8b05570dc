package io.courier.test;

import io.courier.bootstrap.Courier;
import io.courier.bootstrap.config.RegistryKeys;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded registry for the whole test run, and a namespace (registry root) per test class, so
 * that test classes running in parallel never see each other's services. The registry is kept up
 * between classes by an application that holds it open until the test JVM's tests are done.
 */
final class RegistryNamespaces {

    static final String REGISTRY = "embedded";
    static final String ROOT_KEY = RegistryKeys.REGISTRY_ROOT.name();
    private static final String PARENT = "/courier-test/";
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(RegistryNamespaces.class);

    private RegistryNamespaces() {}

    /** A new registry root for the test class of {@code context}; starts the shared registry if needed. */
    static String forClass(ExtensionContext context) {
        RunStore.of(context, STORE).getOrComputeIfAbsent(Keeper.class, type -> Keeper.start(), Keeper.class);
        String simpleName = context.getRequiredTestClass().getSimpleName().replaceAll("[^A-Za-z0-9_-]", "_");
        return PARENT + simpleName + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * An application without services that keeps the embedded registry running; JUnit closes it with
     * the {@link RunStore}, as an {@link AutoCloseable} from 5.13 on and as a {@code CloseableResource} (which
     * 5.13 deprecated) before.
     */
    @SuppressWarnings("deprecation")
    private record Keeper(Courier application) implements AutoCloseable, ExtensionContext.Store.CloseableResource {

        static Keeper start() {
            return new Keeper(Courier.builder()
                    .application("courier-test-registry")
                    .registry(REGISTRY)
                    .property(ROOT_KEY, PARENT + "keeper")
                    .shutdownHook(false)
                    .start());
        }

        @Override
        public void close() {
            application.close();
        }
    }
}
