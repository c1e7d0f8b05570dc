package io.courier.bootstrap;

import io.courier.bootstrap.fixtures.leader.Sequencer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Threads calling a {@link Sequencer} back to back, recording who answered when, and every failure. */
public final class CallLoad implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallLoad.class);

    record Answer(long atNanos, String server) {}

    private final Sequencer sequencer;
    private final List<Answer> answers = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    private CallLoad(Sequencer sequencer) {
        this.sequencer = sequencer;
    }

    public static CallLoad start(Sequencer sequencer, int threadCount) {
        CallLoad load = new CallLoad(sequencer);
        for (int i = 0; i < threadCount; i++) {
            Thread thread = new Thread(load::run, "call-load-" + i);
            thread.setDaemon(true);
            load.threads.add(thread);
            thread.start();
        }
        return load;
    }

    private void run() {
        while (running) {
            try {
                answers.add(new Answer(System.nanoTime(), sequencer.whoServes()));
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                log.warn("call failed", e);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // pace: about 1,000 calls per second per thread
        }
    }

    public int successes() {
        return answers.size();
    }

    public int failures() {
        return failures.get();
    }

    public String lastServer() {
        return answers.get(answers.size() - 1).server();
    }

    /** When {@code server} first answered after {@code nanos}. */
    public long firstCallAfter(long nanos, String server) {
        return answers.stream()
                .filter(a -> a.atNanos() > nanos && a.server().equals(server))
                .mapToLong(Answer::atNanos)
                .min()
                .orElseThrow();
    }

    /** The servers in the order they first answered. */
    public List<String> servers() {
        LinkedHashSet<String> order = new LinkedHashSet<>();
        sortedAnswers().forEach(a -> order.add(a.server()));
        return List.copyOf(order);
    }

    public long longestGapMillis() {
        List<Answer> sorted = sortedAnswers();
        long longest = 0;
        for (int i = 1; i < sorted.size(); i++) {
            longest = Math.max(
                    longest, sorted.get(i).atNanos() - sorted.get(i - 1).atNanos());
        }
        return TimeUnit.NANOSECONDS.toMillis(longest);
    }

    private List<Answer> sortedAnswers() {
        List<Answer> sorted = new ArrayList<>(answers);
        sorted.sort((a, b) -> Long.compare(a.atNanos(), b.atNanos()));
        return sorted;
    }

    public void stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
