package io.courier.bench.gateway;

import io.courier.bench.workload.SyntheticUserService;
import io.courier.bench.workload.UserService;
import io.courier.bootstrap.Courier;
import io.courier.bootstrap.CourierBuilder;
import io.courier.gateway.Gateway;
import io.courier.gateway.GatewayOptions;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The same call, {@code getUser(7)} of the benchmark workload, made directly through a Courier proxy
 * and through the HTTP gateway ({@code POST /io.courier.bench.workload.UserService/getUser} with
 * {@code [7]}), at the same concurrency: {@code CONNECTIONS} Java threads on the direct path, and as
 * many connections with one request in flight each from {@code wrk} (HTTP/1.1 keep-alive) and from
 * {@code h2load} (HTTP/1.1 keep-alive with {@code --h1}, and h2c by prior knowledge: the two protocols
 * from one loader, whose own CPU comes out of the same two cores); and h2c with as many requests in
 * flight as up to {@link HttpLoad#STREAMS_PER_CONNECTION} streams on each of fewer connections. Provider,
 * gateway application and gateway run in this JVM on the embedded registry; the HTTP loaders are
 * native processes with one thread each.
 *
 * <p>The paths take turns within each round, the first path of a round rotating, so that all five
 * see the same machine; a warm-up round of each comes first and is not reported. Prints every
 * round, then the median of the rounds per path and the checks: the gateway's calls/s
 * against the direct path's, the p50 it adds, h2c against HTTP/1.1 (wrk's, and h2load's), and what
 * a call costs the JVM and the loader on each protocol from h2load.
 *
 * <pre>
 * GatewayOverhead [CONNECTIONS=32] [SECONDS_PER_ROUND=10] [ROUNDS=3]
 * </pre>
 */
public final class GatewayOverhead {

    /** The user every call asks for, on every path. */
    static final long USER_ID = 7;

    /** The gateway's request body: the arguments of {@code getUser(USER_ID)} by position. */
    static final String BODY = "[" + USER_ID + "]";

    private static final int WARM_UP_SECONDS = 5;

    private GatewayOverhead() {}

    private static CourierBuilder edgeBuilder() {
        return Courier.builder().application("bench-edge").registry("embedded").shutdownHook(false);
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 32;
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        HttpLoad.requireLoaders();
        Path work = Files.createTempDirectory("gateway-overhead");
        // the gateway's loops also run the edge's connections to the provider, as GatewayMain has it;
        // -Dbench.gateway.sharedLoops=false gives each its own loops (the layout before issue 45's change)
        boolean shared = Boolean.parseBoolean(System.getProperty("bench.gateway.sharedLoops", "true"));
        EventLoopGroup loops = Gateway.newEventLoops();
        try (Courier provider = Courier.builder()
                        .application("bench-provider")
                        .registry("embedded")
                        .host("127.0.0.1")
                        .port(0)
                        .shutdownHook(false)
                        .export(new SyntheticUserService())
                        .start();
                Courier edge = shared
                        ? edgeBuilder().clientEventLoops(loops).start()
                        : edgeBuilder().start();
                Gateway gateway = Gateway.start(
                        edge,
                        GatewayOptions.builder()
                                .port(0)
                                .eventLoops(shared ? loops : null)
                                .build())) {
            String url = "http://127.0.0.1:" + gateway.port() + "/" + UserService.class.getName() + "/getUser";
            out.printf(
                    "provider on 127.0.0.1:%d, gateway on 127.0.0.1:%d; %d connections (direct: threads), %d s"
                            + " rounds, %d rounds after a %d s warm-up of each path; edge's client on the"
                            + " gateway's loops: %b%n",
                    provider.port(), gateway.port(), connections, seconds, rounds, WARM_UP_SECONDS, shared);
            UserService direct = edge.reference(UserService.class);
            checkAnswers(direct, url);
            DirectLoad directLoad =
                    new DirectLoad(connections, id -> direct.getUser(id).getId() == id);
            HttpLoad httpLoad = new HttpLoad(work, url, connections);
            List<LoadPath> paths = List.of(
                    (LoadPath) s -> directLoad.run("direct", s),
                    httpLoad::http1,
                    httpLoad::http1ByH2load,
                    httpLoad::h2c,
                    httpLoad::h2cMultiplexed);
            for (LoadPath path : paths) {
                path.run(WARM_UP_SECONDS);
            }
            summarize(out, measure(out, paths, rounds, seconds), connections);
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            deleteAll(work);
        }
    }

    /**
     * {@code rounds} rounds of every path, each round starting at the next path, with each call's cost;
     * every round printed, the results by path.
     */
    public static Map<String, List<RoundResult>> measure(
            PrintStream out, List<LoadPath> paths, int rounds, long seconds) throws Exception {
        Map<String, List<RoundResult>> results = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (int i = 0; i < paths.size(); i++) {
                long cpuBefore = processCpuNanos();
                Allocations allocatedBefore = Allocations.now();
                RoundResult result = paths.get((round - 1 + i) % paths.size()).run(seconds);
                double calls = result.callsPerSecond() * seconds;
                result = result.withCost(
                        (processCpuNanos() - cpuBefore) / 1e3 / calls,
                        Allocations.now().since(allocatedBefore) / calls);
                out.println(result.line(round));
                results.computeIfAbsent(result.path(), p -> new ArrayList<>()).add(result);
            }
        }
        return results;
    }

    private static void deleteAll(Path work) throws IOException {
        try (var files = Files.list(work)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(work);
    }

    /** One path's round of the given length. */
    public interface LoadPath {
        RoundResult run(long seconds) throws InterruptedException;
    }

    /** Both paths answer the same user before anything is measured (the loaders do not read bodies). */
    private static void checkAnswers(UserService direct, String url) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(BODY))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200 || !answer.body().contains("\"id\":" + USER_ID)) {
            throw new IllegalStateException("the gateway answered " + answer.statusCode() + " " + answer.body());
        }
        if (direct.getUser(USER_ID).getId() != USER_ID) {
            throw new IllegalStateException("the direct call answered another user");
        }
    }

    private static void summarize(PrintStream out, Map<String, List<RoundResult>> results, int connections) {
        out.println("median of the rounds:");
        Map<String, RoundResult> median = new LinkedHashMap<>();
        results.forEach((path, rounds) -> {
            RoundResult middle = new RoundResult(
                    path,
                    median(rounds, RoundResult::callsPerSecond),
                    median(rounds, RoundResult::p50Micros),
                    median(rounds, RoundResult::p99Micros),
                    median(rounds, RoundResult::cpuMicros),
                    median(rounds, RoundResult::load),
                    median(rounds, RoundResult::allocatedBytes),
                    median(rounds, RoundResult::loaderMicros));
            median.put(path, middle);
            out.println(middle.line(0).replace("round 0", "median "));
        });
        RoundResult direct = median.get("direct");
        for (String path : List.of("http/1.1", "h2c")) {
            RoundResult gateway = median.get(path);
            double ratio = gateway.callsPerSecond() / direct.callsPerSecond();
            double added = gateway.p50Micros() - direct.p50Micros();
            out.printf(
                    "%-9s %.2fx the direct calls/s (target >= 0.5x: %s), p50 +%.0f us (target <= 200 us: %s)%n",
                    path, ratio, ratio >= 0.5 ? "met" : "MISSED", added, added <= 200 ? "met" : "MISSED");
        }
        double h2 = median.get("h2c").callsPerSecond() / median.get("http/1.1").callsPerSecond();
        out.printf("h2c       %.2fx the HTTP/1.1 calls/s (target >= 1.0x: %s)%n", h2, h2 >= 1.0 ? "met" : "MISSED");
        // the same loader on both protocols: what is left is the gateway's, not wrk's against h2load's
        double sameLoader = median.get("h2c").callsPerSecond()
                / median.get("http/1.1 (h2load)").callsPerSecond();
        out.printf(
                "h2c       %.2fx the HTTP/1.1 calls/s, both from h2load (target >= 1.0x: %s)%n",
                sameLoader, sameLoader >= 1.0 ? "met" : "MISSED");
        // the two cores are shared: a call's CPU is the JVM's and the loader's, and the loader's differs by protocol
        for (String path : List.of("http/1.1 (h2load)", "h2c", "h2c multiplexed")) {
            RoundResult each = median.get(path);
            out.printf(
                    "%-17s a call costs the JVM %.1f us and h2load %.1f us of CPU%n",
                    path, each.cpuMicros(), each.loaderMicros());
        }
        double multiplexed = median.get("h2c multiplexed").callsPerSecond()
                / median.get("http/1.1 (h2load)").callsPerSecond();
        out.printf(
                "h2c       %.2fx the HTTP/1.1 calls/s with the same %d requests in flight as %d streams on each"
                        + " connection, both from h2load%n",
                multiplexed, connections, HttpLoad.streamsPerConnection(connections));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The median of {@code value} over {@code rounds}. */
    public static double median(List<RoundResult> rounds, ToDoubleFunction<RoundResult> value) {
        double[] values = rounds.stream().mapToDouble(value).sorted().toArray();
        return values.length % 2 == 1
                ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }
}
