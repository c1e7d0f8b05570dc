package io.courier.test;

import io.courier.api.event.EventKeys;
import io.courier.bootstrap.Courier;
import io.courier.bootstrap.CourierBuilder;
import io.courier.bootstrap.status.ProviderStatus;
import io.courier.events.kafka.KafkaEventKeys;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The applications of one test: the provider that exports the test's {@link Provide} fields, the
 * consumer that fills its {@code @Reference} fields, and builders for more, all on the registry
 * namespace of the test class. A test method or {@code @BeforeEach} method may declare a parameter
 * of this type. Thread-safe.
 */
public final class TestCourier {

    /** How long closing waits for the provider's connections to go once the consumers are closed. */
    static final Duration CONNECTION_DRAIN = Duration.ofSeconds(2);

    private final String registryRoot;
    private final String testName;
    private final TestEvents events; // null unless the class asked for events
    private Courier provider; // guarded by this
    private Courier consumer; // guarded by this
    private boolean closed; // guarded by this

    /** With {@code eventServers} the embedded Kafka's address, or null without events. */
    TestCourier(String registryRoot, String testName, String eventServers) {
        this.registryRoot = Objects.requireNonNull(registryRoot, "registryRoot");
        this.testName = testName;
        this.events = eventServers == null ? null : new TestEvents(this::consumer, eventServers);
    }

    /**
     * A builder for another application that shares this test's registry namespace, bound to
     * 127.0.0.1 on a free port, without a shutdown hook, and with events on the run's embedded Kafka
     * if the class asked for them. The caller closes what it starts: one left open with a connection
     * to the test's provider fails the test.
     */
    public CourierBuilder application(String name) {
        CourierBuilder builder = Courier.builder()
                .application(name)
                .registry(RegistryNamespaces.REGISTRY)
                .property(RegistryNamespaces.ROOT_KEY, registryRoot)
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false);
        if (events != null) {
            builder.property(EventKeys.BROKER.name(), "kafka")
                    .property(KafkaEventKeys.BOOTSTRAP_SERVERS.name(), events.bootstrapServers())
                    .property(KafkaEventKeys.REPLICATION_FACTOR.name(), "1")
                    .property(KafkaEventKeys.PARTITIONS.name(), "4")
                    .property(KafkaEventKeys.SESSION_TIMEOUT_MILLIS.name(), "6000");
        }
        return builder;
    }

    /**
     * The test's events, on the run's embedded Kafka.
     *
     * @throws IllegalStateException if the test class is not {@code @CourierTest(events = true)}
     */
    public TestEvents events() {
        if (events == null) {
            throw new IllegalStateException(testName + ": no events (expected: @CourierTest(events = true))");
        }
        return events;
    }

    /** The application exporting the test's {@link Provide} fields, or empty if it has none. */
    public synchronized Optional<Courier> provider() {
        return Optional.ofNullable(provider);
    }

    /** The test's consumer application, started on first use and closed after the test. */
    public synchronized Courier consumer() {
        checkOpen();
        if (consumer == null) {
            consumer = application("courier-test-consumer").start();
        }
        return consumer;
    }

    /** A reference from {@link #consumer()}. */
    public <T> T reference(Class<T> serviceInterface) {
        return consumer().reference(serviceInterface);
    }

    /** The registry root of this test class's namespace, e.g. {@code /courier-test/ShopTest-1a2b3c4d}. */
    public String registryRoot() {
        return registryRoot;
    }

    /**
     * Starts the provider exporting {@code implementations} and waits until the consumer finds it
     * through the registry; nothing is started for none.
     */
    synchronized void provide(List<Object> implementations) {
        checkOpen();
        if (implementations.isEmpty()) {
            return;
        }
        CourierBuilder builder = application("courier-test-provider");
        implementations.forEach(builder::export);
        builder.export(RegistrationWait.probe());
        provider = builder.start();
        RegistrationWait.await(consumer());
    }

    /**
     * Closes the consumer, waits (up to {@link #CONNECTION_DRAIN}) for the provider's connections to
     * close, then closes the provider. Idempotent.
     *
     * @return what leaked: a description of the connections still open, or empty
     */
    Optional<String> close() {
        Courier closingConsumer;
        Courier closingProvider;
        synchronized (this) {
            if (closed) {
                return Optional.empty();
            }
            closed = true;
            closingConsumer = consumer;
            closingProvider = provider;
        }
        if (closingConsumer != null) {
            closingConsumer.close();
        }
        if (closingProvider == null) {
            return Optional.empty();
        }
        try {
            int open = openConnectionsAfterDrain(closingProvider);
            return open == 0
                    ? Optional.empty()
                    : Optional.of(testName + " leaked " + open + " connection(s): after the test's consumer closed,"
                            + " the provider still had " + open + " open connection(s) from a consumer the test"
                            + " started and did not close (close every Courier application and client it starts,"
                            + " e.g. with try-with-resources)");
        } finally {
            closingProvider.close();
        }
    }

    private static int openConnectionsAfterDrain(Courier provider) {
        long deadline = System.nanoTime() + CONNECTION_DRAIN.toNanos();
        int open = openConnections(provider);
        while (open > 0 && System.nanoTime() < deadline) {
            // A consumer's close reaches the server a moment later; poll rather than block on a signal
            // the bootstrap does not offer.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            open = openConnections(provider);
        }
        return open;
    }

    private static int openConnections(Courier provider) {
        return provider.providerStatus().map(ProviderStatus::openConnections).orElse(0);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException(testName + ": the test's applications are closed");
        }
    }
}
