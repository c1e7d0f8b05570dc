package io.courier.bench.gateway;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;

/**
 * The direct path: {@code threads} Java threads, each making blocking calls back to back for the
 * round's length; every call's latency is kept, so the percentiles are exact.
 */
public final class DirectLoad {

    private final int threads;
    private final LongPredicate call;

    /**
     * @param call makes one call with the given id and says whether the answer was right
     */
    public DirectLoad(int threads, LongPredicate call) {
        this.threads = threads;
        this.call = call;
    }

    public RoundResult run(String path, long seconds) throws InterruptedException {
        long roundNanos = TimeUnit.SECONDS.toNanos(seconds);
        List<long[]> perThread = new ArrayList<>();
        int[] counts = new int[threads];
        RuntimeException[] failures = new RuntimeException[threads];
        List<Thread> workers = new ArrayList<>();
        long started = System.nanoTime();
        long until = started + roundNanos;
        for (int t = 0; t < threads; t++) {
            long[] samples = new long[8_000_000 / threads];
            perThread.add(samples);
            int index = t;
            Thread worker = new Thread(
                    () -> {
                        int n = 0;
                        try {
                            long now;
                            while ((now = System.nanoTime()) < until && n < samples.length) {
                                if (!call.test(GatewayOverhead.USER_ID)) {
                                    throw new IllegalStateException("a wrong answer on the " + path + " path");
                                }
                                samples[n++] = System.nanoTime() - now;
                            }
                        } catch (RuntimeException e) {
                            failures[index] = e;
                        }
                        counts[index] = n;
                        // this thread ends before the round's allocation is summed: it adds its own
                        Allocations.finished(Allocations.currentThread());
                    },
                    "bench-direct-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        long elapsed = System.nanoTime() - started;
        for (RuntimeException failure : failures) {
            if (failure != null) {
                throw failure;
            }
        }
        long[] all = merged(perThread, counts);
        int total = all.length;
        return new RoundResult(
                path,
                total / (elapsed / 1e9),
                all[total / 2] / 1e3,
                all[Math.min(total - 1, (int) (total * 0.99))] / 1e3,
                Double.NaN,
                HttpLoad.loadAverage(),
                Double.NaN,
                Double.NaN);
    }

    /** Every thread's samples in one array, sorted. */
    private static long[] merged(List<long[]> perThread, int[] counts) {
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int t = 0; t < counts.length; t++) {
            System.arraycopy(perThread.get(t), 0, all, at, counts[t]);
            at += counts[t];
        }
        Arrays.sort(all);
        return all;
    }
}
