package io.courier.examples.coordination;

import io.courier.api.coordination.Lease;
import io.courier.bootstrap.Courier;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two instances of one application on the embedded ZooKeeper: a leader-only service, a job run by
 * the leader with its fencing token, a lock; then the leader stops gracefully and the other takes
 * over. Run it with {@code main}; {@link #run()} returns what happened, for the test.
 *
 * <p>Both instances are in this JVM, because coordination on the embedded registry spans one JVM
 * (Courier logs a WARN saying so): two processes must share one {@code zookeeper://host:port}.
 */
public final class CoordinationExample {

    private static final Logger log = LoggerFactory.getLogger(CoordinationExample.class);

    /**
     * What the run saw.
     *
     * @param before who served {@link Quotes} first
     * @param after who served it after the leader stopped
     * @param reports what the store kept
     * @param staleWriteRefused whether the store refused the stopped leader's old token
     * @param lockToken the fencing token of the lock taken in the run
     */
    public record Summary(
            String before, String after, List<String> reports, boolean staleWriteRefused, long lockToken) {}

    private CoordinationExample() {}

    public static void main(String[] args) throws Exception {
        log.info("{}", run());
    }

    public static Summary run() throws InterruptedException, TimeoutException {
        ReportStore store = new ReportStore();
        // the first instance starts alone, so it leads both groups; the second then waits its turn
        try (Courier first = instance("first");
                Courier consumer = Courier.builder()
                        .application("reader")
                        .registry("embedded")
                        .shutdownHook(false)
                        .start()) {
            NightlyReport firstJob = new NightlyReport("first", first.coordination(), store);
            awaitTrue(firstJob::leads);
            Quotes quotes = consumer.reference(Quotes.class);
            String before = firstAnswer(quotes);
            try (Courier second = instance("second")) {
                NightlyReport secondJob = new NightlyReport("second", second.coordination(), store);

                long lockToken;
                try (Lease lease = second.coordination().lock("quote-editor").acquire(Duration.ofSeconds(5))) {
                    lockToken = lease.fencingToken(); // pass it with every write the lock protects
                }

                long oldToken = firstJob.lastToken();
                first.close(); // graceful: leader-only services and elections hand over first
                awaitTrue(secondJob::leads);
                String after = quotes.today();
                boolean staleRefused = !store.save("late report by first", oldToken);
                return new Summary(before, after, store.reports(), staleRefused, lockToken);
            }
        }
    }

    /** The first answer: the leader registers a moment after it is elected. */
    private static String firstAnswer(Quotes quotes) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                return quotes.today();
            } catch (RuntimeException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw e;
                }
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
        }
    }

    private static Courier instance(String name) {
        return Courier.builder()
                .application("quotes-" + name)
                .registry("embedded")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .export(new QuoteOfTheDay(name))
                .start();
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("not reached within 10 s");
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}
