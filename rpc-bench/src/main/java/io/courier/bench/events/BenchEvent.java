package io.courier.bench.events;

/**
 * The event both sides carry: an order, its customer (the key), its place in the run and when it was published
 * ({@link System#nanoTime()} of the publishing JVM, which is the consuming one), from which the handler takes the
 * end-to-end latency.
 */
public record BenchEvent(String orderId, String customer, long sequence, long sentNanos) {

    /** The key of event {@code sequence}: one of a thousand customers. */
    static String key(long sequence) {
        return "customer-" + sequence % 1000;
    }

    /** Event {@code sequence}, published now. */
    static BenchEvent of(long sequence) {
        return new BenchEvent("order-" + sequence, key(sequence), sequence, System.nanoTime());
    }
}
