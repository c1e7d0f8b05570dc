package io.courier.events.kafka.embedded;

import io.courier.api.event.contract.EventBrokerHarness;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The events contract's server: one embedded Kafka (KRaft) per test JVM for the contract classes
 * (kept in the launcher session's store (one per test JVM), stopped when the run ends), reached through the {@code kafka} factory.
 */
final class KafkaContractServer implements BeforeAllCallback, EventBrokerHarness {

    private EmbeddedKafka kafka;

    @Override
    public void beforeAll(ExtensionContext context) {
        // The launcher session's store, not the root context's: Surefire runs each test class as its own
        // execution request, whose root store (and server) closed after every class; the session lasts
        // as long as the test JVM.
        kafka = context.getStore(ExtensionContext.StoreScope.LAUNCHER_SESSION, ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Shared.class, type -> new Shared(EmbeddedKafka.start()), Shared.class)
                .kafka();
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public Map<String, String> settings() {
        return Map.of(
                "courier.events.broker", "kafka",
                "courier.events.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "courier.events.kafka.partitions", "3",
                "courier.events.kafka.replication-factor", "1",
                "courier.events.kafka.session-timeout-millis", "6000",
                "courier.events.kafka.max-poll-records", "50");
    }

    /** Closed by JUnit with the launcher session's store: as an AutoCloseable from 5.13 on, as a CloseableResource before. */
    private record Shared(EmbeddedKafka kafka) implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            kafka.close();
        }
    }
}
