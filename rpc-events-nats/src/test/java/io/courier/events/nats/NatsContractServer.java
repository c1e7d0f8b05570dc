package io.courier.events.nats;

import io.courier.api.event.contract.EventBrokerHarness;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The events contract's server: one nats-server with JetStream per test JVM of the module
 * (kept in JUnit's root store, stopped when the run ends), reached through the {@code nats} factory.
 */
final class NatsContractServer implements BeforeAllCallback, EventBrokerHarness {

    private NatsServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Shared.class, type -> new Shared(NatsServer.start()), Shared.class)
                .server();
    }

    @Override
    public String name() {
        return "nats";
    }

    @Override
    public Map<String, String> settings() {
        return Map.of(
                "courier.events.broker", "nats",
                "courier.events.nats.servers", server.url(),
                "courier.events.nats.partitions", "4",
                "courier.events.nats.ack-wait-millis", "2000");
    }

    /** Closed by JUnit with the root store: as an AutoCloseable from 5.13 on, as a CloseableResource before. */
    private record Shared(NatsServer server) implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            server.close();
        }
    }
}
