package io.courier.bench.gateway;

import io.courier.bench.workload.SyntheticUserService;
import io.courier.bench.workload.UserService;
import io.courier.bootstrap.Courier;
import io.courier.gateway.Gateway;
import io.courier.gateway.GatewayOptions;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The same call ({@code getUser(id)} of the benchmark workload) made directly through a Courier
 * proxy and through the HTTP gateway (java.net.http, HTTP/1.1 keep-alive), from the same number of
 * threads, in one JVM with an embedded ZooKeeper: calls per second and latency percentiles per
 * round, alternating the two paths so that both see the same machine.
 *
 * <pre>
 * GatewayOverhead [THREADS=8] [SECONDS_PER_ROUND=5] [ROUNDS=4]
 * </pre>
 */
public final class GatewayOverhead {

    private GatewayOverhead() {}

    /** One way of making the call; returns whether the answer was right. */
    private interface Call {
        boolean run(long id) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        long roundNanos = TimeUnit.SECONDS.toNanos(args.length > 1 ? Long.parseLong(args[1]) : 5);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (Courier provider = Courier.builder()
                        .application("bench-provider")
                        .registry("embedded")
                        .host("127.0.0.1")
                        .port(0)
                        .shutdownHook(false)
                        .export(new SyntheticUserService())
                        .start();
                Courier edge = Courier.builder()
                        .application("bench-edge")
                        .registry("embedded")
                        .shutdownHook(false)
                        .start();
                Gateway gateway =
                        Gateway.start(edge, GatewayOptions.builder().port(0).build())) {
            out.println("provider on 127.0.0.1:" + provider.port() + ", gateway on 127.0.0.1:" + gateway.port() + ", "
                    + threads + " threads");
            UserService direct = edge.reference(UserService.class);
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI uri = URI.create("http://127.0.0.1:" + gateway.port() + "/" + UserService.class.getName() + "/getUser");
            Call viaGateway = id -> {
                HttpResponse<String> answer = http.send(
                        HttpRequest.newBuilder(uri)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("[" + id + "]"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                return answer.statusCode() == 200 && answer.body().contains("\"id\":" + id);
            };
            Call viaProxy = id -> direct.getUser(id).getId() == id;
            // the gateway's first call builds its generic reference: not part of any round
            if (!viaGateway.run(1) || !viaProxy.run(1)) {
                throw new IllegalStateException("a warm-up call failed");
            }
            for (int round = 1; round <= rounds; round++) {
                report(out, "direct ", round, runRound(viaProxy, threads, roundNanos));
                report(out, "gateway", round, runRound(viaGateway, threads, roundNanos));
            }
        }
    }

    private static void report(PrintStream out, String path, int round, long[] latencies) {
        double seconds = latencies[latencies.length - 1] / 1e9;
        int calls = latencies.length - 1;
        long[] sorted = Arrays.copyOf(latencies, calls);
        Arrays.sort(sorted);
        out.printf(
                "%s round %d: %.0f calls/s, p50 %.0f us, p99 %.0f us%n",
                path,
                round,
                calls / seconds,
                sorted[calls / 2] / 1e3,
                sorted[Math.min(calls - 1, (int) (calls * 0.99))] / 1e3);
    }

    /** Every call's latency in nanoseconds, then the round's length. */
    private static long[] runRound(Call call, int threads, long roundNanos) throws InterruptedException {
        List<long[]> perThread = new ArrayList<>();
        int[] counts = new int[threads];
        List<Thread> workers = new ArrayList<>();
        long started = System.nanoTime();
        long until = started + roundNanos;
        for (int t = 0; t < threads; t++) {
            long[] samples = new long[4_000_000 / threads];
            perThread.add(samples);
            int index = t;
            Thread worker = new Thread(() -> {
                int n = 0;
                long id = index;
                try {
                    long now;
                    while ((now = System.nanoTime()) < until && n < samples.length) {
                        if (!call.run(id++ % 1000 + 1)) {
                            throw new IllegalStateException("a wrong answer");
                        }
                        samples[n++] = System.nanoTime() - now;
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                counts[index] = n;
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        long elapsed = System.nanoTime() - started;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total + 1];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(perThread.get(t), 0, all, at, counts[t]);
            at += counts[t];
        }
        all[total] = elapsed;
        return all;
    }
}
