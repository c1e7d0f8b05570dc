package io.courier.bench.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The one table of the comparison, in Markdown: for each call, throughput, p50, p99 and p99.9 latency and the
 * allocation per call of raw Netty, Dubbo, gRPC-java and Courier, the ratios Courier/Dubbo, Courier/gRPC, Courier/raw
 * and raw/Dubbo, and the targets with whether each is met. A system or a mode that was not run shows {@code n/a}; a missed target
 * shows {@code MISSED}.
 *
 * <p>{@code ComparisonTable FILE...} prints the table of the {@code RpcBenchmark} results in JMH JSON files.
 */
public final class ComparisonTable {

    /** The calls of {@code RpcBenchmark}, in the table's order. */
    public static final List<String> CALLS = List.of("existUser", "createUser", "getUser", "listUser");

    static final String RAW = "raw";
    static final String DUBBO = "dubbo";
    static final String COURIER = "courier";
    static final String GRPC = "grpc";
    static final String COURIER_GRPC = "courier-grpc";
    static final String COURIER_DUBBO = "courier-dubbo";
    static final String COURIER_PROTOSTUFF = "courier-protostuff";
    static final String COURIER_NOGRPC = "courier-nogrpc";

    private static final String BENCHMARK_CLASS = "RpcBenchmark";
    private static final double MIN_THROUGHPUT_VS_DUBBO = 3;
    private static final double MIN_THROUGHPUT_VS_RAW = 0.9;
    private static final double MAX_P99_VS_DUBBO = 0.5;
    private static final double MAX_EXIST_USER_ALLOC_BYTES = 2048;

    private enum Metric {
        THROUGHPUT("ops/s"),
        P50("p50 us"),
        P99("p99 us"),
        P999("p99.9 us"),
        ALLOC("alloc B/op");

        final String label;

        Metric(String label) {
            this.label = label;
        }
    }

    private final List<JmhResult> results;

    private ComparisonTable(List<JmhResult> results) {
        this.results = results.stream()
                .filter(result -> result.benchmark().contains("." + BENCHMARK_CLASS + "."))
                .toList();
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            throw new IllegalArgumentException("arguments: none (expected: JMH JSON result files)");
        }
        List<Path> files = new ArrayList<>();
        for (String arg : args) {
            files.add(Path.of(arg));
        }
        // the table is this program's output, not a log message
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.print(renderFiles(files));
    }

    /** The table of the {@code RpcBenchmark} results in {@code files}. */
    public static String renderFiles(List<Path> files) throws IOException {
        List<JmhResult> results = new ArrayList<>();
        for (Path file : files) {
            results.addAll(JmhResult.read(file));
        }
        return render(results);
    }

    static String render(List<JmhResult> results) {
        return new ComparisonTable(results).render();
    }

    private String render() {
        StringBuilder table = new StringBuilder();
        results.stream()
                .findFirst()
                .ifPresent(first -> table.append("JMH: ").append(first.run()).append("\n\n"));
        table.append(
                "| call | metric | raw Netty | Dubbo | gRPC | Courier | Courier/Dubbo | Courier/gRPC | Courier/raw | raw/Dubbo"
                        + " | target |\n");
        table.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (String call : CALLS) {
            for (Metric metric : Metric.values()) {
                double raw = value(call, metric, RAW);
                double dubbo = value(call, metric, DUBBO);
                double grpc = value(call, metric, GRPC);
                double courier = value(call, metric, COURIER);
                if (Double.isNaN(raw) && Double.isNaN(dubbo) && Double.isNaN(grpc) && Double.isNaN(courier)) {
                    continue;
                }
                double courierVsDubbo = courier / dubbo;
                double courierVsRaw = courier / raw;
                row(
                        table,
                        call,
                        metric.label,
                        format(metric, raw),
                        format(metric, dubbo),
                        format(metric, grpc),
                        format(metric, courier),
                        ratio(courierVsDubbo),
                        ratio(courier / grpc),
                        ratio(courierVsRaw),
                        ratio(raw / dubbo),
                        target(call, metric, courierVsDubbo, courierVsRaw, courier));
            }
        }
        appendSerializers(table);
        appendGrpcOnThePort(table);
        appendGrpcEndpoint(table);
        appendDubboEndpoint(table);
        return table.toString();
    }

    /**
     * gRPC-java's client calling a Courier provider's gRPC endpoint against the same client calling gRPC-java's
     * server, when the courier-grpc system was run.
     */
    private void appendGrpcEndpoint(StringBuilder table) {
        appendPair(
                table,
                GRPC,
                COURIER_GRPC,
                "gRPC-java server",
                "Courier's gRPC endpoint",
                "Courier gRPC/gRPC-java",
                false);
    }

    /**
     * Courier-to-Courier calls to a provider serving gRPC beside Courier's protocol on its port (the default with
     * rpc-grpc on the class path) against the same provider with gRPC off, when the courier-nogrpc system was run.
     */
    private void appendGrpcOnThePort(StringBuilder table) {
        appendPair(
                table,
                COURIER,
                COURIER_NOGRPC,
                "Courier (gRPC on the port)",
                "Courier (gRPC off)",
                "with/without gRPC",
                true);
    }

    /**
     * Dubbo's client calling a Courier provider over the dubbo protocol against the same client calling Dubbo's
     * provider, when the courier-dubbo system was run.
     */
    private void appendDubboEndpoint(StringBuilder table) {
        appendPair(table, DUBBO, COURIER_DUBBO, "Dubbo provider", "Courier provider", "Courier/Dubbo", false);
    }

    /**
     * Courier as configured by default (auto: fory for the benchmark's service) against Courier on
     * protostuff, when the courier-protostuff system was run.
     */
    private void appendSerializers(StringBuilder table) {
        appendPair(
                table,
                COURIER,
                COURIER_PROTOSTUFF,
                "Courier (default: fory)",
                "Courier (protostuff)",
                "fory/protostuff",
                true);
    }

    /**
     * A table of {@code left} beside {@code right}, the system only some runs measure (no table when it was not
     * run), with the ratio left/right when {@code ratioOfLeft}, else right/left.
     */
    private void appendPair(
            StringBuilder table,
            String left,
            String right,
            String leftLabel,
            String rightLabel,
            String ratioLabel,
            boolean ratioOfLeft) {
        StringBuilder rows = new StringBuilder();
        for (String call : CALLS) {
            for (Metric metric : Metric.values()) {
                double first = value(call, metric, left);
                double second = value(call, metric, right);
                if (!Double.isNaN(second)) {
                    row(
                            rows,
                            call,
                            metric.label,
                            format(metric, first),
                            format(metric, second),
                            ratio(ratioOfLeft ? first / second : second / first));
                }
            }
        }
        if (rows.length() > 0) {
            table.append("\n| call | metric | " + leftLabel + " | " + rightLabel + " | " + ratioLabel + " |\n")
                    .append("|---|---|---:|---:|---:|\n")
                    .append(rows);
        }
    }

    /** Appends one markdown table row of {@code cells}. */
    private static void row(StringBuilder table, String... cells) {
        table.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    /** The value of {@code metric} for one call and system, or {@code NaN} if it was not measured. */
    private double value(String call, Metric metric, String system) {
        String mode = metric == Metric.THROUGHPUT || metric == Metric.ALLOC ? JmhResult.THROUGHPUT : JmhResult.SAMPLE;
        JmhResult result = find(call, mode, system);
        if (result == null && metric == Metric.ALLOC) {
            // allocation per call does not depend on the mode; a sample-only run still reports it
            result = find(call, JmhResult.SAMPLE, system);
        }
        if (result == null) {
            return Double.NaN;
        }
        return switch (metric) {
            case THROUGHPUT -> result.score();
            case P50 -> result.percentile("50.0");
            case P99 -> result.percentile("99.0");
            case P999 -> result.percentile("99.9");
            case ALLOC -> result.allocBytesPerOp();
        };
    }

    private JmhResult find(String call, String mode, String system) {
        return results.stream()
                .filter(result -> result.method().equals(call)
                        && result.mode().equals(mode)
                        && Objects.equals(result.params().get("system"), system))
                .reduce((first, second) -> second)
                .orElse(null);
    }

    private static String target(String call, Metric metric, double vsDubbo, double vsRaw, double courier) {
        return switch (metric) {
            case THROUGHPUT -> {
                // One target for every call. listUser's old 5x Dubbo was withdrawn: it sat above raw Netty's own
                // ratio to Dubbo on that call, so it measured Dubbo, not Courier; raw/Dubbo is in the same row.
                double minVsDubbo = MIN_THROUGHPUT_VS_DUBBO;
                yield String.format(Locale.ROOT, ">= %.0fx Dubbo, >= %.1fx raw: ", minVsDubbo, MIN_THROUGHPUT_VS_RAW)
                        + verdict(vsDubbo >= minVsDubbo && vsRaw >= MIN_THROUGHPUT_VS_RAW, vsDubbo, vsRaw);
            }
            case P99 ->
                String.format(Locale.ROOT, "<= %.1fx Dubbo: ", MAX_P99_VS_DUBBO)
                        + verdict(vsDubbo <= MAX_P99_VS_DUBBO, vsDubbo);
            case ALLOC ->
                call.equals("existUser")
                        ? String.format(Locale.ROOT, "<= %.0f B: ", MAX_EXIST_USER_ALLOC_BYTES)
                                + verdict(courier <= MAX_EXIST_USER_ALLOC_BYTES, courier)
                        : "";
            case P50, P999 -> "";
        };
    }

    private static String verdict(boolean met, double... inputs) {
        for (double input : inputs) {
            if (Double.isNaN(input)) {
                return "n/a";
            }
        }
        return met ? "met" : "MISSED";
    }

    private static String format(Metric metric, double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return switch (metric) {
            case THROUGHPUT, ALLOC -> String.format(Locale.ROOT, "%,.0f", value);
            case P50, P99, P999 -> String.format(Locale.ROOT, "%,.1f", value);
        };
    }

    private static String ratio(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "n/a" : String.format(Locale.ROOT, "%.2fx", value);
    }
}
