package io.courier.bench.events;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/**
 * One way to publish and consume {@link BenchEvent}s on a broker: Courier's events or the broker's own Java client.
 * {@link EventsComparison} drives every side the same way. Closing it closes its clients.
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

    /** The CPU time {@code thread} has taken so far, in nanoseconds. */
    static long cpuNanos(Thread thread) {
        return ManagementFactory.getThreadMXBean().getThreadCpuTime(thread.getId());
    }

    /**
     * The CPU time this JVM has taken so far less the calling thread's: for a broker in a process of its own, what the
     * client's threads (I/O, acknowledgements, callbacks) took besides the publishing thread, with the JVM's own
     * (garbage collection, compilation).
     */
    static long otherThreadsCpuNanos() {
        return processCpuNanos() - ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** The CPU time this JVM has taken so far, in nanoseconds. */
    static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The calling thread's CPU time so far, in nanoseconds. */
    static long currentThreadCpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** Its name in the table. */
    String name();

    /**
     * Makes sure {@code topic} exists, and {@code group}'s place on it where the broker keeps events only for the groups
     * it knows (RabbitMQ: the group's queue), before anything is measured on it.
     */
    void prepare(String topic, String group);

    /**
     * The CPU time so far, in nanoseconds, of the client threads that send the events and take their
     * acknowledgements, besides the publishing thread; called from the publishing thread. Kafka: the producer's
     * network thread ({@code kafka-producer-network-thread}); a broker in a process of its own (the default): {@link
     * #otherThreadsCpuNanos}.
     */
    default long clientCpuNanos() {
        return otherThreadsCpuNanos();
    }

    /**
     * The CPU time so far, in nanoseconds, of what consumes; called on the handler's thread. Kafka: that thread's (one
     * thread polls, handles and commits); a broker in a process of its own: the whole JVM's ({@link #processCpuNanos}),
     * since its client hands deliveries to pool threads that take turns (the default).
     */
    default long consumerCpuNanos() {
        return processCpuNanos();
    }

    /** Publishes {@code event} to {@code topic} under its key; {@code ack} hears once, when the broker has it or not. */
    void publish(String topic, BenchEvent event, Ack ack);

    /**
     * Consumes {@code topic} in group {@code group} from its beginning, one consumer thread, handing each event's
     * sequence and publishing time to {@code sink} on that thread; each event acknowledged (or its offset committed)
     * after it is handled.
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
