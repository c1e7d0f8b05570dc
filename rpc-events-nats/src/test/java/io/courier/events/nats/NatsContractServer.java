package io.courier.events.nats;

import io.courier.api.event.contract.RestartableBrokerHarness;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The events contract's server: one nats-server with JetStream per test JVM of the module
 * (kept in the launcher session's store (one per test JVM), stopped when the run ends), reached through the {@code nats} factory;
 * the restart contract kills it and starts it again on its port and store.
 */
final class NatsContractServer implements BeforeAllCallback, RestartableBrokerHarness {

    private NatsServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        // The launcher session's store, not the root context's: Surefire runs each test class as its own
        // execution request, whose root store (and server) closed after every class; the session lasts
        // as long as the test JVM.
        server = context.getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, ExtensionContext.Namespace.GLOBAL)
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

    @Override
    public String diagnose() {
        return ConsumerStates.of(server.url());
    }

    @Override
    public void kill() throws InterruptedException {
        server.kill();
    }

    @Override
    public void restart() throws java.io.IOException {
        server.restart();
    }

    /** Closed by JUnit with the launcher session's store: as an AutoCloseable from 5.13 on, as a CloseableResource before. */
    private record Shared(NatsServer server) implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            server.close();
        }
    }
}
