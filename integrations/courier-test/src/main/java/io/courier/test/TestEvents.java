package io.courier.test;

import io.courier.api.event.Event;
import io.courier.api.event.EventPublisher;
import io.courier.api.event.SubscriptionOptions;
import io.courier.bootstrap.Courier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The events of one test of a {@code @CourierTest(events = true)} class, on the run's embedded Kafka:
 * publish from the test, and wait, for a bounded time, for an event on a topic. A test or {@code
 * @BeforeEach} method declares a parameter of this type. It reads through the test's consumer
 * application, in a consumer group of its own per topic, so it never takes events from the
 * application's subscribers; it sees the events published since its test began (by the envelope's
 * time), not those of earlier tests on the same topic. Thread-safe.
 */
public final class TestEvents {

    private final Supplier<Courier> application;
    private final String bootstrapServers;
    private final Instant began = Instant.now();
    private final Map<String, Recording<?>> recordings = new HashMap<>(); // guarded by itself

    TestEvents(Supplier<Courier> application, String bootstrapServers) {
        this.application = application;
        this.bootstrapServers = bootstrapServers;
    }

    /** The embedded broker's {@code host:port}, for a stock Kafka client or another process. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The test's consumer application's publisher of {@code eventType} on {@code topic}. */
    public <E> EventPublisher<E> publisher(String topic, Class<E> eventType) {
        return application.get().events().publisher(topic, eventType);
    }

    /**
     * The first event on {@code topic}, published since the test began, whose payload matches; waits
     * for it up to {@code timeout}. The first call for a topic starts reading it (from its beginning,
     * so an event published before the call is found).
     *
     * @throws AssertionError if none arrived within {@code timeout}, with how many others did
     * @throws IllegalArgumentException if {@code topic} was awaited with another event type, or the
     *     timeout is not positive
     * @throws InterruptedException if the waiting thread is interrupted
     */
    public <E> Event<E> await(String topic, Class<E> eventType, Predicate<? super E> matching, Duration timeout)
            throws InterruptedException {
        Objects.requireNonNull(matching, "matching");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
        }
        Recording<E> recording = recording(topic, eventType);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (recording) {
            while (true) {
                for (Event<E> event : recording.events) {
                    if (matching.test(event.payload())) {
                        return event;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching event on topic '" + topic + "' within " + timeout + " ("
                            + recording.events.size() + " other event(s) of " + eventType.getName()
                            + " published since the test began)");
                }
                recording.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    private <E> Recording<E> recording(String topic, Class<E> eventType) {
        synchronized (recordings) {
            Recording<?> existing = recordings.get(topic);
            if (existing == null) {
                Recording<E> started = new Recording<>(eventType);
                // closed with the test's consumer application
                application
                        .get()
                        .events()
                        .subscribe(
                                SubscriptionOptions.builder(topic, "courier-test-" + UUID.randomUUID(), eventType)
                                        .maxAttempts(1)
                                        .build(),
                                event -> started.add(event, began));
                recordings.put(topic, started);
                return started;
            }
            if (existing.type != eventType) {
                throw new IllegalArgumentException("topic '" + topic + "': type " + eventType.getName() + " (expected: "
                        + existing.type.getName() + ", the type it was first awaited with)");
            }
            @SuppressWarnings("unchecked")
            Recording<E> typed = (Recording<E>) existing;
            return typed;
        }
    }

    /** The events of one topic; guarded by itself. */
    private static final class Recording<E> {
        final Class<E> type;
        final List<Event<E>> events = new ArrayList<>();

        Recording(Class<E> type) {
            this.type = type;
        }

        synchronized void add(Event<E> event, Instant began) {
            if (!event.time().isBefore(began)) {
                events.add(event);
                notifyAll();
            }
        }
    }
}
