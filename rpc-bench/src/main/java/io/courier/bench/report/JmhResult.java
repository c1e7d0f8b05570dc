package io.courier.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One benchmark result of a JMH JSON file, with throughput in operations per second and latency in microseconds
 * whatever unit the run reported.
 *
 * @param method the benchmark method's simple name, e.g. {@code getUser}
 * @param benchmark the benchmark's full name
 * @param mode {@code thrpt}, {@code sample}, {@code avgt} or {@code ss}
 * @param params the {@code @Param} values
 * @param score the primary score: ops/s for {@code thrpt}, microseconds per operation otherwise
 * @param percentiles for {@code sample}: percentile ({@code "99.9"}) to microseconds
 * @param allocBytesPerOp {@code gc.alloc.rate.norm} when run with {@code -prof gc}, else {@code NaN}
 * @param run how the run was configured (threads, forks, iterations, JVM), for the table's caption
 */
record JmhResult(
        String method,
        String benchmark,
        String mode,
        Map<String, String> params,
        double score,
        Map<String, Double> percentiles,
        double allocBytesPerOp,
        String run) {

    static final String THROUGHPUT = "thrpt";
    static final String SAMPLE = "sample";

    /**
     * Reads every result of a JMH JSON file ({@code -rf json}).
     *
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException if it is not a JMH result file, naming the file
     */
    static List<JmhResult> read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": not a JMH JSON result file (" + e.getMessage() + ")", e);
        }
    }

    static List<JmhResult> parse(String text) {
        List<JmhResult> results = new ArrayList<>();
        for (Object entry : (List<?>) Json.parse(text)) {
            results.add(of((Map<?, ?>) entry));
        }
        return results;
    }

    private static JmhResult of(Map<?, ?> entry) {
        String benchmark = (String) entry.get("benchmark");
        String mode = (String) entry.get("mode");
        Map<?, ?> primary = (Map<?, ?>) entry.get("primaryMetric");
        String unit = (String) primary.get("scoreUnit");
        double scale = THROUGHPUT.equals(mode) ? toOpsPerSecond(unit) : toMicros(unit);

        Map<String, String> params = new TreeMap<>();
        if (entry.get("params") instanceof Map<?, ?> raw) {
            raw.forEach((key, value) -> params.put(String.valueOf(key), String.valueOf(value)));
        }
        Map<String, Double> percentiles = new LinkedHashMap<>();
        if (primary.get("scorePercentiles") instanceof Map<?, ?> raw && !THROUGHPUT.equals(mode)) {
            raw.forEach((key, value) -> percentiles.put(String.valueOf(key), number(value) * scale));
        }
        double alloc = Double.NaN;
        if (entry.get("secondaryMetrics") instanceof Map<?, ?> secondary) {
            for (Map.Entry<?, ?> metric : secondary.entrySet()) {
                // JMH before 1.36 prefixed profiler metrics with a middle dot
                String name = String.valueOf(metric.getKey()).replace("\u00b7", "");
                if (name.equals("gc.alloc.rate.norm")) {
                    alloc = number(((Map<?, ?>) metric.getValue()).get("score"));
                }
            }
        }
        return new JmhResult(
                benchmark.substring(benchmark.lastIndexOf('.') + 1),
                benchmark,
                mode,
                Map.copyOf(params),
                number(primary.get("score")) * scale,
                Map.copyOf(percentiles),
                alloc,
                describeRun(entry));
    }

    /** The percentile in microseconds, or {@code NaN} if the run did not sample it. */
    double percentile(String key) {
        return percentiles.getOrDefault(key, Double.NaN);
    }

    private static String describeRun(Map<?, ?> entry) {
        return String.format(
                "threads %s, forks %s, warm-up %s x %s, measurement %s x %s, %s %s",
                integer(entry.get("threads")),
                integer(entry.get("forks")),
                integer(entry.get("warmupIterations")),
                entry.get("warmupTime"),
                integer(entry.get("measurementIterations")),
                entry.get("measurementTime"),
                entry.get("vmName"),
                entry.get("jdkVersion"));
    }

    private static String integer(Object value) {
        return value instanceof Double d ? Long.toString(d.longValue()) : String.valueOf(value);
    }

    /** JMH writes NaN and infinities as strings. */
    private static double number(Object value) {
        if (value instanceof Double d) {
            return d;
        }
        return value == null ? Double.NaN : Double.parseDouble(String.valueOf(value));
    }

    private static double toOpsPerSecond(String unit) {
        return switch (unit) {
            case "ops/ns" -> 1e9;
            case "ops/us" -> 1e6;
            case "ops/ms" -> 1e3;
            case "ops/s" -> 1;
            case "ops/min" -> 1 / 60.0;
            case "ops/hr" -> 1 / 3600.0;
            default -> throw new IllegalArgumentException("throughput unit: " + unit + " (expected: ops/<time unit>)");
        };
    }

    private static double toMicros(String unit) {
        return switch (unit) {
            case "ns/op" -> 1e-3;
            case "us/op" -> 1;
            case "ms/op" -> 1e3;
            case "s/op" -> 1e6;
            case "min/op" -> 60e6;
            case "hr/op" -> 3600e6;
            default -> throw new IllegalArgumentException("time unit: " + unit + " (expected: <time unit>/op)");
        };
    }
}
