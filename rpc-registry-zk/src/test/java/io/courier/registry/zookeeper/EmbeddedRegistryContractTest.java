package io.courier.registry.zookeeper;

import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryContract;
import io.courier.api.registry.RegistryHarness;
import io.courier.api.registry.RegistryOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The registry contract through the {@code embedded} extension: the registries share its server,
 * which one registry held open for the whole class keeps running; raw writes and crashed providers
 * reach that server as {@code zookeeper://} clients.
 */
class EmbeddedRegistryContractTest extends RegistryContract {

    private static final EmbeddedRegistryFactory factory = new EmbeddedRegistryFactory();
    private static Registry anchor;
    private static ZooKeeperContractHarness harness;

    @BeforeAll
    static void startServer() {
        anchor = factory.create(embedded(RegistryOptions.builder("embedded")).build());
        harness = new ZooKeeperContractHarness(
                "embedded",
                factory.server().connectString(),
                options -> factory.create(embedded(RegistryOptions.builder("embedded"))
                        .root(options.root())
                        .emptyProtection(options.emptyProtection())
                        .build()));
    }

    @AfterAll
    static void stopServer() {
        harness.close();
        anchor.close();
    }

    private static RegistryOptions.Builder embedded(RegistryOptions.Builder builder) {
        return builder.sessionTimeoutMillis(ZooKeeperTesting.SESSION_TIMEOUT_MILLIS)
                .connectionTimeoutMillis(ZooKeeperTesting.CONNECTION_TIMEOUT_MILLIS);
    }

    @Override
    protected RegistryHarness harness() {
        return harness;
    }
}
