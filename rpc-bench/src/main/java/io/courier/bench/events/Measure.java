package io.courier.bench.events;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/** The three measurements, each the same code for both sides. */
final class Measure {

    private static final long WAIT_SECONDS = 120;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Measure() {}

    /**
     * Publishes events 0 to {@code events - 1} from this thread as fast as the side takes them: events acknowledged
     * per second, and this thread's CPU time per event (building, encoding and handing each to the producer; the
     * producer's own thread sends them and runs the acknowledgements).
     */
    static Published publish(EventSide side, String topic, int events) throws InterruptedException {
        CountDownLatch acked = new CountDownLatch(events);
        AtomicReference<Throwable> failed = new AtomicReference<>();
        EventSide.Ack ack = new EventSide.Ack() {
            @Override
            public void acked() {
                acked.countDown();
            }

            @Override
            public void failed(Throwable failure) {
                failed.compareAndSet(null, failure);
                acked.countDown();
            }
        };
        long network = side.clientCpuNanos();
        long started = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < events; i++) {
            side.publish(topic, BenchEvent.of(i), ack);
        }
        cpu = THREADS.getCurrentThreadCpuTime() - cpu;
        if (!acked.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException(side.name() + ": " + acked.getCount() + " of " + events + " publishes to '"
                    + topic + "' unanswered after " + WAIT_SECONDS + " s");
        }
        long elapsed = System.nanoTime() - started;
        network = side.clientCpuNanos() - network;
        if (failed.get() != null) {
            throw new IllegalStateException(side.name() + ": a publish to '" + topic + "' failed", failed.get());
        }
        return new Published(events * 1e9 / elapsed, elapsed / 1e9, (double) cpu / events, (double) network / events);
    }

    /**
     * Events acknowledged per second, the phase's seconds, and the CPU time per event of the publishing thread and of
     * the producer's network thread.
     */
    record Published(double perSecond, double seconds, double cpuNanosPerEvent, double networkCpuNanosPerEvent) {}

    /**
     * Consumes the {@code events} events of {@code topic} in a new group; events handled per second from the first
     * event to the last (the group's join is not in it: it is reported apart, in {@link Consumed#joinMillis}).
     */
    static Consumed consume(EventSide side, String topic, String group, int events) throws Exception {
        AtomicLong count = new AtomicLong();
        // wall clock and the handler thread's CPU time at the first event and at the last
        long[] firstAndLast = new long[4];
        CountDownLatch all = new CountDownLatch(1);
        long subscribed = System.nanoTime();
        try (AutoCloseable subscription = side.subscribe(topic, group, (sequence, sentNanos) -> {
            long now = System.nanoTime();
            long n = count.incrementAndGet();
            if (n == 1) {
                firstAndLast[0] = now;
                firstAndLast[2] = side.consumerCpuNanos();
            }
            if (n == events) {
                firstAndLast[1] = now;
                firstAndLast[3] = side.consumerCpuNanos();
                all.countDown();
            }
        })) {
            if (!all.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException(side.name() + ": " + count.get() + " of " + events + " events of '"
                        + topic + "' consumed after " + WAIT_SECONDS + " s");
            }
        }
        // the latch orders the handler thread's writes before this read
        return new Consumed(
                (events - 1) * 1e9 / (firstAndLast[1] - firstAndLast[0]),
                (firstAndLast[0] - subscribed) / 1_000_000,
                (double) (firstAndLast[3] - firstAndLast[2]) / (events - 1));
    }

    /**
     * Events per second from the first to the last, the milliseconds from subscribing to the first event, and the CPU
     * time consuming (poll, decoding, handler, commits or acks; {@link EventSide#consumerCpuNanos}) spent per event
     * meanwhile: on a shared machine the rate moves with the load, the CPU time per event much less.
     */
    record Consumed(double perSecond, long joinMillis, double cpuNanosPerEvent) {}

    /**
     * Publishes {@code events} events at {@code perSecond} to a subscribed group of {@code topic} and returns each
     * one's time from its publish call to its handler, in nanoseconds, sorted. Before the first, probe events
     * (negative sequences, not counted) are published until one arrives, so the group has its partitions.
     */
    static long[] endToEnd(EventSide side, String topic, String group, int events, int perSecond) throws Exception {
        long[] latencies = new long[events];
        AtomicLong count = new AtomicLong();
        AtomicLong probes = new AtomicLong();
        CountDownLatch all = new CountDownLatch(1);
        try (AutoCloseable subscription = side.subscribe(topic, group, (sequence, sentNanos) -> {
            long latency = System.nanoTime() - sentNanos;
            if (sequence < 0) {
                probes.incrementAndGet();
                return;
            }
            latencies[(int) sequence] = latency;
            if (count.incrementAndGet() == events) {
                all.countDown();
            }
        })) {
            AtomicReference<Throwable> failed = new AtomicReference<>();
            EventSide.Ack ignore = new EventSide.Ack() {
                @Override
                public void acked() {}

                @Override
                public void failed(Throwable failure) {
                    failed.compareAndSet(null, failure);
                }
            };
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            for (long probe = -1; probes.get() == 0; probe--) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(side.name() + ": no probe event of '" + topic + "' arrived");
                }
                side.publish(topic, new BenchEvent("probe", BenchEvent.key(-probe), probe, System.nanoTime()), ignore);
                Thread.sleep(100);
            }
            long interval = 1_000_000_000L / perSecond;
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                long wait = start + i * interval - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                side.publish(topic, BenchEvent.of(i), ignore);
            }
            if (!all.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException(
                        side.name() + ": " + count.get() + " of " + events + " events of '" + topic + "' handled after "
                                + WAIT_SECONDS + " s",
                        failed.get());
            }
        }
        Arrays.sort(latencies);
        return latencies;
    }

    /** The {@code quantile} (0 to 1) of {@code sorted}. */
    static long quantile(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
