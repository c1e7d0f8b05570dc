package io.courier.bench.events;

/**
 * One way to publish and consume {@link BenchEvent}s on a Kafka broker: Courier's events or plain kafka-clients.
 * {@link EventsComparison} drives both the same way. Closing it closes its clients.
 */
interface EventSide extends AutoCloseable {

    /** The name prefix Kafka gives a producer's network thread. */
    String PRODUCER_THREAD = "kafka-producer-network-thread | ";

    /** The producer network thread of client {@code clientId}. */
    static Thread producerThread(String clientId) {
        String name = PRODUCER_THREAD + clientId;
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no thread '" + name + "'"));
    }

    /** Its name in the table. */
    String name();

    /** Makes sure {@code topic} exists with every partition answering, before anything is measured on it. */
    void prepare(String topic);

    /**
     * The producer's network thread ({@code kafka-producer-network-thread}), which sends the records and runs every
     * record's callback: its CPU time per event is measured beside the publishing thread's.
     */
    Thread producerThread();

    /** Publishes {@code event} to {@code topic} under its key; {@code ack} hears once, when the broker has it or not. */
    void publish(String topic, BenchEvent event, Ack ack);

    /**
     * Consumes {@code topic} in a new consumer group {@code group} from its beginning, one consumer thread, handing
     * each event's sequence and publishing time to {@code sink} on that thread; offsets committed after handling.
     */
    AutoCloseable subscribe(String topic, String group, Sink sink);

    @Override
    void close();

    /** The outcome of one publish. */
    interface Ack {
        /** The broker has the event (acknowledged by every in-sync replica). */
        void acked();

        /** The publish failed. */
        void failed(Throwable failure);
    }

    /** What a handler does with an event: takes note of it. */
    @FunctionalInterface
    interface Sink {
        void handled(long sequence, long sentNanos);
    }
}
