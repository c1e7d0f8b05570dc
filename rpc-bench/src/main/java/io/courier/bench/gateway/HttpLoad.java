package io.courier.bench.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A round of HTTP load from a native loader in its own process: {@code wrk} over HTTP/1.1
 * keep-alive, or {@code h2load} over h2c (prior knowledge), each with one thread and {@code
 * connections} requests in flight: one per connection, or on h2c also {@link #STREAMS_PER_CONNECTION}
 * streams on each of fewer connections, as HTTP/2 clients multiplex. Their own reports give the
 * calls per second; wrk's latency distribution and h2load's per-request log give the percentiles;
 * the loader's CPU time per call is this JVM's children's CPU time ({@code /proc/self/stat}) that
 * the round added. A round in which any answer was not a 2xx fails.
 */
public final class HttpLoad {

    private static final Pattern WRK_RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern WRK_NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern WRK_ERRORS = Pattern.compile("Socket errors: (.*)");
    private static final Pattern H2LOAD_RATE = Pattern.compile("finished in [0-9.]+s, ([0-9.]+) req/s");
    private static final Pattern H2LOAD_DONE =
            Pattern.compile("requests: (\\d+) total.*?(\\d+) succeeded, (\\d+) failed");

    /** Streams in flight on each connection of the multiplexed h2c path, at most. */
    static final int STREAMS_PER_CONNECTION = 8;

    /** Clock ticks per second of {@code /proc}'s times ({@code USER_HZ}, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100;

    private final Path work;
    private final String url;
    private final int connections;

    HttpLoad(Path work, String url, int connections) {
        this.work = work;
        this.url = url;
        this.connections = connections;
        write(
                work.resolve("post.lua"),
                "wrk.method = \"POST\"\nwrk.body = \"" + GatewayOverhead.BODY + "\"\n"
                        + "wrk.headers[\"Content-Type\"] = \"application/json\"\n");
        write(work.resolve("body.json"), GatewayOverhead.BODY);
    }

    /** Whether both loaders are on the PATH; names the missing one otherwise. */
    static void requireLoaders() {
        requireLoaders(List.of("wrk", "h2load"));
    }

    /** Whether {@code loaders} are on the PATH; names the missing one otherwise. */
    public static void requireLoaders(List<String> loaders) {
        for (String loader : loaders) {
            try {
                Process probe = new ProcessBuilder(loader, "--version")
                        .redirectErrorStream(true)
                        .start();
                probe.getInputStream().readAllBytes();
                probe.waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                throw new IllegalStateException(
                        loader + " is not installed (expected on the PATH: apt-get install wrk nghttp2-client)", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** HTTP/1.1 keep-alive through {@code wrk}. */
    RoundResult http1(long seconds) throws InterruptedException {
        return wrk(
                "http/1.1",
                url,
                connections,
                List.of("-s", work.resolve("post.lua").toString()),
                seconds);
    }

    /**
     * {@code GET url} with HTTP/1.1 keep-alive through {@code wrk} from {@code connections} connections,
     * one request in flight each, reported as {@code name}.
     */
    public static RoundResult wrkGet(String name, String url, int connections, long seconds)
            throws InterruptedException {
        return wrk(name, url, connections, List.of(), seconds);
    }

    private static RoundResult wrk(String name, String url, int connections, List<String> script, long seconds)
            throws InterruptedException {
        List<String> command =
                new ArrayList<>(List.of("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "--latency"));
        command.addAll(script);
        command.add(url);
        LoaderRun run = run(command, seconds);
        String report = run.report();
        Matcher non2xx = WRK_NON_2XX.matcher(report);
        Matcher errors = WRK_ERRORS.matcher(report);
        if (non2xx.find() || errors.find()) {
            throw new IllegalStateException("wrk saw failed requests:\n" + report);
        }
        double rate = number(WRK_RATE, report);
        return new RoundResult(
                name,
                rate,
                wrkPercentile(report, "50%"),
                wrkPercentile(report, "99%"),
                Double.NaN,
                loadAverage(),
                Double.NaN,
                run.cpuMicrosPerCall(rate * seconds));
    }

    /** h2c by prior knowledge through {@code h2load}, one stream at a time per connection. */
    RoundResult h2c(long seconds) throws InterruptedException {
        return h2load("h2c", connections, 1, List.of(), seconds);
    }

    /**
     * h2c by prior knowledge through {@code h2load}, the same number of requests in flight as {@link
     * #h2c} but {@link #STREAMS_PER_CONNECTION} streams on each connection: how an HTTP/2 client (a
     * browser, a gRPC channel) uses the protocol, and what one request in flight per connection gives up.
     */
    RoundResult h2cMultiplexed(long seconds) throws InterruptedException {
        int streams = streamsPerConnection(connections);
        return h2load("h2c multiplexed", connections / streams, streams, List.of(), seconds);
    }

    /**
     * The streams per connection of the multiplexed path: the largest number up to {@link
     * #STREAMS_PER_CONNECTION} that divides {@code requestsInFlight}, so that it has as many requests in
     * flight as the other paths.
     */
    static int streamsPerConnection(int requestsInFlight) {
        for (int streams = Math.min(STREAMS_PER_CONNECTION, requestsInFlight); streams > 1; streams--) {
            if (requestsInFlight % streams == 0) {
                return streams;
            }
        }
        return 1;
    }

    /**
     * HTTP/1.1 keep-alive through {@code h2load --h1}, one request at a time per connection: the
     * same loader as {@link #h2c}, so that the two protocols are compared without the difference
     * between two loaders' own costs (both share the machine's two cores with the gateway).
     */
    RoundResult http1ByH2load(long seconds) throws InterruptedException {
        return h2load("http/1.1 (h2load)", connections, 1, List.of("--h1"), seconds);
    }

    private RoundResult h2load(String name, int connectionCount, int streamsEach, List<String> protocol, long seconds)
            throws InterruptedException {
        Path log = work.resolve("h2load.log");
        delete(log); // h2load appends to its log: this round's requests only
        List<String> command = new ArrayList<>(List.of("h2load", "-t1", "-c" + connectionCount, "-m" + streamsEach));
        command.addAll(protocol);
        command.addAll(List.of(
                "-D" + seconds,
                "-d",
                work.resolve("body.json").toString(),
                "-H",
                "Content-Type: application/json",
                "--log-file=" + log,
                url));
        LoaderRun run = run(command, seconds);
        String report = run.report();
        Matcher done = H2LOAD_DONE.matcher(report);
        if (!done.find() || !done.group(3).equals("0") || !report.contains(" 0 4xx, 0 5xx")) {
            throw new IllegalStateException("h2load saw failed requests:\n" + report);
        }
        long[] micros = h2loadDurations(log);
        return new RoundResult(
                name,
                number(H2LOAD_RATE, report),
                micros[micros.length / 2],
                micros[Math.min(micros.length - 1, (int) (micros.length * 0.99))],
                Double.NaN,
                loadAverage(),
                Double.NaN,
                run.cpuMicrosPerCall(Long.parseLong(done.group(2))));
    }

    /** The one-minute load average of the host, or -1 where {@code /proc/loadavg} is missing. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** A loader's report and the CPU time, user and system, that it used. */
    private record LoaderRun(String report, double cpuSeconds) {
        double cpuMicrosPerCall(double calls) {
            return cpuSeconds * 1e6 / calls;
        }
    }

    /**
     * The CPU time, in seconds, of this JVM's children that have ended and been waited for: {@code
     * cutime} and {@code cstime} of {@code /proc/self/stat}; NaN where it cannot be read.
     */
    private static double childrenCpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // fields after the command name in parentheses, which may hold spaces: state is field 3
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static LoaderRun run(List<String> command, long seconds) throws InterruptedException {
        double cpuBefore = childrenCpuSeconds();
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        try {
            // read while it runs: a full pipe would stall the loader
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(seconds + 60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(
                        command.get(0) + " failed:\n" + new String(output, StandardCharsets.UTF_8));
            }
            // waited for: its times are now among this JVM's children's
            return new LoaderRun(new String(output, StandardCharsets.UTF_8), childrenCpuSeconds() - cpuBefore);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            process.destroyForcibly();
        }
    }

    /** A latency line of wrk's distribution ({@code "     50%  110.00us"}) in microseconds. */
    static double wrkPercentile(String report, String percent) {
        Matcher line = Pattern.compile("\\s" + Pattern.quote(percent) + "\\s+([0-9.]+)(us|ms|s|m)\\b")
                .matcher(report);
        if (!line.find()) {
            throw new IllegalStateException("no " + percent + " latency in wrk's report:\n" + report);
        }
        double value = Double.parseDouble(line.group(1));
        return switch (line.group(2)) {
            case "us" -> value;
            case "ms" -> value * 1e3;
            case "s" -> value * 1e6;
            default -> value * 60e6;
        };
    }

    /**
     * The third column of h2load's per-request log (microseconds until the response ended), sorted.
     * Read byte by byte into one array: the log has a line per request (a quarter of a million in a
     * round), and reading it is inside the round's CPU and allocation figures of this JVM.
     */
    static long[] h2loadDurations(Path log) {
        long[] micros = new long[1024];
        int count = 0;
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(log)) {
            int column = 0;
            long value = 0;
            boolean digits = false;
            for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
                for (int i = 0; i < read; i++) {
                    byte b = buffer[i];
                    if (b == '\t') {
                        column++;
                    } else if (b == '\n') {
                        if (digits) {
                            micros = add(micros, count++, value);
                        }
                        column = 0;
                        value = 0;
                        digits = false;
                    } else if (column == 2 && b >= '0' && b <= '9') {
                        value = value * 10 + (b - '0');
                        digits = true;
                    }
                }
            }
            if (digits) { // a last line without its newline (a log cut short)
                micros = add(micros, count++, value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (count == 0) {
            throw new IllegalStateException("h2load logged no request in " + log);
        }
        long[] sorted = Arrays.copyOf(micros, count);
        Arrays.sort(sorted);
        return sorted;
    }

    /** {@code values} with {@code value} at {@code index}, grown if full. */
    private static long[] add(long[] values, int index, long value) {
        long[] into = index < values.length ? values : Arrays.copyOf(values, values.length * 2);
        into[index] = value;
        return into;
    }

    private static double number(Pattern pattern, String report) {
        Matcher matcher = pattern.matcher(report);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern + " in the loader's report:\n" + report);
        }
        return Double.parseDouble(matcher.group(1));
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
