package io.courier.events.rabbitmq;

import io.courier.api.event.contract.RestartableBrokerHarness;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The events contract's server: one RabbitMQ node per test JVM of the module (kept in
 * the launcher session's store (one per test JVM), stopped with its epmd when the run ends), reached through the {@code amqp} factory.
 */
final class RabbitContractServer implements BeforeAllCallback, RestartableBrokerHarness {

    private RabbitServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        // The launcher session's store, not the root context's: Surefire runs each test class as its own
        // execution request, whose root store (and server) closed after every class; the session lasts
        // as long as the test JVM.
        server = context.getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Shared.class, type -> new Shared(RabbitServer.start()), Shared.class)
                .server();
    }

    @Override
    public String name() {
        return "amqp";
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("courier.events.broker", "amqp", "courier.events.amqp.uri", server.uri());
    }

    @Override
    public String diagnose() {
        return server.state();
    }

    @Override
    public void kill() {
        server.kill();
    }

    @Override
    public void restart() throws java.io.IOException {
        server.restart();
    }

    /** Closed by JUnit with the launcher session's store: as an AutoCloseable from 5.13 on, as a CloseableResource before. */
    private record Shared(RabbitServer server) implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            server.close();
        }
    }
}
