package io.courier.bench.gateway;

import java.io.IOException;
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
 * keep-alive, or {@code h2load} over h2c (prior knowledge), each with one thread, {@code
 * connections} connections and one request in flight per connection. Their own reports give the
 * calls per second; wrk's latency distribution and h2load's per-request log give the percentiles.
 * A round in which any answer was not a 2xx fails.
 */
final class HttpLoad {

    private static final Pattern WRK_RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern WRK_NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern WRK_ERRORS = Pattern.compile("Socket errors: (.*)");
    private static final Pattern H2LOAD_RATE = Pattern.compile("finished in [0-9.]+s, ([0-9.]+) req/s");
    private static final Pattern H2LOAD_DONE =
            Pattern.compile("requests: (\\d+) total.*?(\\d+) succeeded, (\\d+) failed");

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
        for (String loader : List.of("wrk", "h2load")) {
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
        String report = run(
                List.of(
                        "wrk",
                        "-t1",
                        "-c" + connections,
                        "-d" + seconds + "s",
                        "--latency",
                        "-s",
                        work.resolve("post.lua").toString(),
                        url),
                seconds);
        Matcher non2xx = WRK_NON_2XX.matcher(report);
        Matcher errors = WRK_ERRORS.matcher(report);
        if (non2xx.find() || errors.find()) {
            throw new IllegalStateException("wrk saw failed requests:\n" + report);
        }
        return new RoundResult(
                "http/1.1",
                number(WRK_RATE, report),
                wrkPercentile(report, "50%"),
                wrkPercentile(report, "99%"),
                Double.NaN,
                loadAverage(),
                Double.NaN);
    }

    /** h2c by prior knowledge through {@code h2load}, one stream at a time per connection. */
    RoundResult h2c(long seconds) throws InterruptedException {
        return h2load("h2c", List.of(), seconds);
    }

    /**
     * HTTP/1.1 keep-alive through {@code h2load --h1}, one request at a time per connection: the
     * same loader as {@link #h2c}, so that the two protocols are compared without the difference
     * between two loaders' own costs (both share the machine's two cores with the gateway).
     */
    RoundResult http1ByH2load(long seconds) throws InterruptedException {
        return h2load("http/1.1 (h2load)", List.of("--h1"), seconds);
    }

    private RoundResult h2load(String name, List<String> protocol, long seconds) throws InterruptedException {
        Path log = work.resolve("h2load.log");
        List<String> command = new ArrayList<>(List.of("h2load", "-t1", "-c" + connections, "-m1"));
        command.addAll(protocol);
        command.addAll(List.of(
                "-D" + seconds,
                "-d",
                work.resolve("body.json").toString(),
                "-H",
                "Content-Type: application/json",
                "--log-file=" + log,
                url));
        String report = run(command, seconds);
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
                Double.NaN);
    }

    /** The one-minute load average of the host, or -1 where {@code /proc/loadavg} is missing. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String run(List<String> command, long seconds) throws InterruptedException {
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
            return new String(output, StandardCharsets.UTF_8);
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

    /** The third column of h2load's per-request log (microseconds until the response ended), sorted. */
    private static long[] h2loadDurations(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            long[] micros = lines.stream()
                    .map(line -> line.split("\t"))
                    .filter(columns -> columns.length >= 3)
                    .mapToLong(columns -> Long.parseLong(columns[2].trim()))
                    .toArray();
            if (micros.length == 0) {
                throw new IllegalStateException("h2load logged no request in " + log);
            }
            Arrays.sort(micros);
            return micros;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double number(Pattern pattern, String report) {
        Matcher matcher = pattern.matcher(report);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern + " in the loader's report:\n" + report);
        }
        return Double.parseDouble(matcher.group(1));
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
