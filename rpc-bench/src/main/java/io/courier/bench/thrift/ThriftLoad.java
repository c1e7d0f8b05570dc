package io.courier.bench.thrift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.thrift.TException;

/**
 * A closed-loop load: {@code threads} threads, each with its own {@link ThriftUserClient} connection, calling as fast
 * as the answers come for a given time; every call's time from send to answer is kept.
 */
final class ThriftLoad {

    /** The calls the comparison makes. */
    enum Call {
        EXIST_USER("existUser"),
        GET_USER("getUser");

        final String method;

        Call(String method) {
            this.method = method;
        }

        /** One call; fails unless the answer is the one {@link SyntheticThriftUsers} gives. */
        void make(ThriftUserClient client, long n) throws TException {
            if (this == EXIST_USER) {
                if (client.existUser("user" + n % 10) != n % 10 >= 5) {
                    throw new IllegalStateException("existUser answered wrong for user" + n % 10);
                }
            } else if (client.getUser(n).id() != n) {
                throw new IllegalStateException("getUser(" + n + ") answered another user");
            }
        }
    }

    /** Calls per second over the run, and every call's latency in nanoseconds, sorted. */
    record Outcome(double perSecond, long[] sortedNanos) {
        long quantile(double q) {
            int index = (int) Math.ceil(q * sortedNanos.length) - 1;
            return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, index))];
        }
    }

    private ThriftLoad() {}

    /** Runs {@code call} from {@code threads} connections to {@code port} for {@code seconds}. */
    static Outcome run(int port, Call call, int threads, double seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "thrift-load");
            thread.setDaemon(true);
            return thread;
        });
        try {
            CountDownLatch connected = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            long[] window = new long[1];
            List<Future<long[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    try (ThriftUserClient client = new ThriftUserClient("127.0.0.1", port)) {
                        connected.countDown();
                        go.await();
                        return loop(client, call, window[0]);
                    }
                }));
            }
            if (!connected.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(connected.getCount() + " of " + threads + " connections not open");
            }
            long start = System.nanoTime();
            window[0] = start + (long) (seconds * 1e9);
            go.countDown();
            long[][] latencies = new long[threads][];
            int total = 0;
            for (int t = 0; t < threads; t++) {
                latencies[t] = results.get(t).get((long) seconds + 60, TimeUnit.SECONDS);
                total += latencies[t].length;
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            long[] all = new long[total];
            int at = 0;
            for (long[] some : latencies) {
                System.arraycopy(some, 0, all, at, some.length);
                at += some.length;
            }
            Arrays.sort(all);
            return new Outcome(total / elapsed, all);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Calls until {@code deadline} ({@link System#nanoTime()}); the latencies of those made. */
    private static long[] loop(ThriftUserClient client, Call call, long deadline) throws TException {
        long[] latencies = new long[1 << 16];
        int count = 0;
        for (long now = System.nanoTime(); now < deadline; ) {
            call.make(client, count);
            long done = System.nanoTime();
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = done - now;
            now = done;
        }
        return Arrays.copyOf(latencies, count);
    }
}
