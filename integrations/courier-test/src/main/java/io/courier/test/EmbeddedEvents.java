package io.courier.test;

import io.courier.events.kafka.embedded.EmbeddedKafka;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded Kafka broker for the whole test run, started by the first {@code @CourierTest(events =
 * true)} class and stopped when the test JVM's tests are done (with the {@link RunStore}). Its topics are
 * shared by every class; {@link TestEvents} sees only the events published after its test began.
 */
final class EmbeddedEvents {

    static final String MODULE = "io.courier:rpc-events-kafka-embedded";
    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(EmbeddedEvents.class);

    private EmbeddedEvents() {}

    /**
     * The broker's {@code host:port}, starting it on first use.
     *
     * @throws ExtensionConfigurationException if the embedded broker is not on the test class path
     */
    static String bootstrapServers(ExtensionContext context) {
        try {
            Class.forName(
                    "io.courier.events.kafka.embedded.EmbeddedKafka", false, EmbeddedEvents.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ExtensionConfigurationException("@CourierTest(events = true) on "
                    + context.getRequiredTestClass().getName() + ": no embedded Kafka on the class path (expected: "
                    + MODULE + " as a test dependency)");
        }
        return RunStore.of(context, STORE)
                .getOrComputeIfAbsent(Keeper.class, type -> new Keeper(EmbeddedKafka.start()), Keeper.class)
                .kafka()
                .bootstrapServers();
    }

    /**
     * Holds the broker; JUnit closes it with the {@link RunStore}, as an {@link AutoCloseable} from 5.13 on and
     * as a {@code CloseableResource} (which 5.13 deprecated) before.
     */
    @SuppressWarnings("deprecation")
    private record Keeper(EmbeddedKafka kafka) implements AutoCloseable, ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            kafka.close();
        }
    }
}
