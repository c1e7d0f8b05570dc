package io.courier.bench.thrift;

import io.courier.bench.harness.HostReport;
import io.courier.bench.harness.ServerProcess;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Courier's Thrift endpoint against libthrift's {@code TThreadedSelectorServer}, in one run: each server in a JVM of
 * its own ({@link ThriftServerMain}, {@link ServerProcess#DEFAULT_JVM_ARGS}), the same stock libthrift client in this
 * one ({@link ThriftLoad}: {@code THREADS} threads, a framed binary connection each). First each server gets {@code
 * WARMUP} seconds of the load on each call, unmeasured; then each call on each server is measured for {@code SECONDS}:
 * calls/s, p50 and p99 from send to answer, and the server process's CPU per call; the first side alternates between
 * the calls. Prints a line per measurement, then a table with the ratios Courier/libthrift.
 *
 * <pre>
 * ThriftComparison [SECONDS=4] [WARMUP=3] [THREADS=16]
 * </pre>
 */
public final class ThriftComparison {

    private ThriftComparison() {}

    /** What one run does. */
    record Options(double seconds, double warmup, int threads) {
        Options {
            if (!(seconds > 0) || warmup < 0 || threads < 1) {
                throw new IllegalArgumentException("SECONDS " + seconds + ", WARMUP " + warmup + ", THREADS " + threads
                        + " (expected: SECONDS > 0, WARMUP >= 0, THREADS >= 1)");
            }
        }

        static Options parse(String[] args) {
            if (args.length > 3) {
                throw new IllegalArgumentException(
                        "usage: ThriftComparison [SECONDS] [WARMUP] [THREADS], got " + Arrays.toString(args));
            }
            return new Options(
                    args.length > 0 ? Double.parseDouble(args[0]) : 4,
                    args.length > 1 ? Double.parseDouble(args[1]) : 3,
                    args.length > 2 ? Integer.parseInt(args[2]) : 16);
        }
    }

    /** One side's numbers for one call. */
    record Result(String call, String side, double perSecond, long p50Nanos, long p99Nanos, double serverCpuNanos) {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        HostReport.Snapshot start = HostReport.Snapshot.take();
        List<Result> results = run(options, out);
        out.println();
        out.print(table(results));
        out.println(HostReport.report(start, HostReport.Snapshot.take()));
    }

    /**
     * Starts both servers (JVM options {@code bench.serverJvmArgs}, else {@link ServerProcess#DEFAULT_JVM_ARGS}),
     * measures every call on each, stops them; prints each measurement to {@code out}.
     */
    static List<Result> run(Options options, PrintStream out) throws Exception {
        String jvmArgs = System.getProperty("bench.serverJvmArgs", ServerProcess.DEFAULT_JVM_ARGS);
        return run(options, List.of(jvmArgs.trim().split("\\s+")), out);
    }

    /** As {@link #run(Options, PrintStream)}, the servers' JVMs with {@code jvmArgs}. */
    static List<Result> run(Options options, List<String> jvmArgs, PrintStream out) throws Exception {
        String classpath = ServerProcess.fullClasspath();
        Map<String, CompletableFuture<ServerProcess>> starting = new LinkedHashMap<>();
        try {
            // both at once: a JVM's start is mostly waiting
            for (String side : List.of(ThriftServerMain.COURIER, ThriftServerMain.LIBTHRIFT)) {
                starting.put(
                        side,
                        CompletableFuture.supplyAsync(() -> ServerProcess.start(
                                side, jvmArgs, classpath, ThriftServerMain.class.getName(), List.of(side))));
            }
            Map<String, ServerProcess> servers = new LinkedHashMap<>();
            for (Map.Entry<String, CompletableFuture<ServerProcess>> server : starting.entrySet()) {
                servers.put(server.getKey(), server.getValue().join());
            }
            out.printf(
                    "%d client threads, a connection each; %.0f s warm-up and %.0f s measured per call and side%n",
                    options.threads(), options.warmup(), options.seconds());
            if (options.warmup() > 0) {
                // every server has run every call before anything is measured
                for (ServerProcess server : servers.values()) {
                    for (ThriftLoad.Call call : ThriftLoad.Call.values()) {
                        ThriftLoad.run(server.port(), call, options.threads(), options.warmup());
                    }
                }
            }
            List<Result> results = new ArrayList<>();
            List<String> order = new ArrayList<>(servers.keySet());
            for (ThriftLoad.Call call : ThriftLoad.Call.values()) {
                for (String side : order) {
                    results.add(measure(call, side, servers.get(side), options, out));
                }
                // the next call starts with the other side, so neither is always first
                Collections.reverse(order);
            }
            return results;
        } finally {
            for (CompletableFuture<ServerProcess> server : starting.values()) {
                // waits for a start still going; one that failed was stopped by ServerProcess#start
                ServerProcess started =
                        server.handle((process, failure) -> process).join();
                if (started != null) {
                    started.close();
                }
            }
        }
    }

    private static Result measure(
            ThriftLoad.Call call, String side, ServerProcess server, Options options, PrintStream out)
            throws Exception {
        long cpu = server.cpuNanos();
        ThriftLoad.Outcome outcome = ThriftLoad.run(server.port(), call, options.threads(), options.seconds());
        cpu = server.cpuNanos() - cpu;
        double calls = outcome.sortedNanos().length;
        Result result = new Result(
                call.method, side, outcome.perSecond(), outcome.quantile(0.5), outcome.quantile(0.99), cpu / calls);
        out.printf(
                "%-9s %-9s %,10.0f calls/s  p50 %7.1f us  p99 %8.1f us  server CPU %.1f us/call%n",
                call.method,
                side,
                result.perSecond(),
                result.p50Nanos() / 1e3,
                result.p99Nanos() / 1e3,
                result.serverCpuNanos() / 1e3);
        return result;
    }

    /**
     * Every measurement, then per call Courier over libthrift: calls/s (above 1: Courier faster), p99 libthrift over
     * Courier (above 1: Courier's shorter) and server CPU per call Courier over libthrift (below 1: Courier cheaper).
     */
    static String table(List<Result> results) {
        StringBuilder table = new StringBuilder();
        table.append("| call | server | calls/s | p50 us | p99 us | server CPU us/call |\n");
        table.append("|---|---|---:|---:|---:|---:|\n");
        for (Result r : results) {
            table.append(String.format(
                    "| %s | %s | %,.0f | %.1f | %.1f | %.1f |%n",
                    r.call(),
                    r.side(),
                    r.perSecond(),
                    r.p50Nanos() / 1e3,
                    r.p99Nanos() / 1e3,
                    r.serverCpuNanos() / 1e3));
        }
        table.append("\n| call | calls/s Courier/libthrift | p99 libthrift/Courier | server CPU Courier/libthrift |\n");
        table.append("|---|---:|---:|---:|\n");
        for (ThriftLoad.Call call : ThriftLoad.Call.values()) {
            Result courier = find(results, call.method, ThriftServerMain.COURIER);
            Result libthrift = find(results, call.method, ThriftServerMain.LIBTHRIFT);
            table.append(String.format(
                    "| %s | %.2fx | %.2fx | %.2fx |%n",
                    call.method,
                    courier.perSecond() / libthrift.perSecond(),
                    (double) libthrift.p99Nanos() / courier.p99Nanos(),
                    courier.serverCpuNanos() / libthrift.serverCpuNanos()));
        }
        return table.toString();
    }

    private static Result find(List<Result> results, String call, String side) {
        return results.stream()
                .filter(r -> r.call().equals(call) && r.side().equals(side))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no result for " + call + " on " + side));
    }
}
