package io.courier.console;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The call meters of one application, read from its Prometheus text ({@code docs/filters.md},
 * "Metrics"): per side, service and method, the calls started, failed and refused by a limit the
 * operator set (cumulative counters; applications count such refusals as rejections, not errors) and
 * the in-process latency percentiles 0.5 and 0.99 of {@code courier_rpc_duration_seconds}. Other
 * meters are skipped; a line that does not parse is skipped.
 */
final class PrometheusText {

    /** One method's meters on one side; percentiles in milliseconds, {@code NaN} when not published. */
    static final class Method {
        double calls;
        double errors;
        double refused;
        double p50 = Double.NaN;
        double p99 = Double.NaN;
    }

    /** The rejection reasons of the limits an operator sets: refusals by design, not failures. */
    private static final Set<String> LIMITS = Set.of("rate-limited", "concurrency-limited", "adaptive-limited");

    /** Which side, service and method a line is about. */
    record Key(String side, String service, String method) {}

    private PrometheusText() {}

    static Map<Key, Method> parse(String text) {
        Map<Key, Method> methods = new HashMap<>();
        for (String line : text.split("\n")) {
            if (!line.startsWith("courier_rpc_")) {
                continue;
            }
            int open = line.indexOf('{');
            int close = line.lastIndexOf('}');
            if (open < 0 || close < open) {
                continue;
            }
            String name = line.substring(0, open);
            Map<String, String> labels = labels(line.substring(open + 1, close));
            double value;
            try {
                value = Double.parseDouble(line.substring(close + 1).strip().split(" ")[0]);
            } catch (NumberFormatException e) {
                continue;
            }
            Key key = new Key(labels.get("side"), labels.get("service"), labels.get("method"));
            if (key.side() == null || key.service() == null || key.method() == null) {
                continue;
            }
            switch (name) {
                case "courier_rpc_calls_total" -> methods.computeIfAbsent(key, k -> new Method()).calls = value;
                case "courier_rpc_errors_total" -> methods.computeIfAbsent(key, k -> new Method()).errors += value;
                case "courier_rpc_rejections_total" -> {
                    if (LIMITS.contains(labels.get("reason"))) {
                        methods.computeIfAbsent(key, k -> new Method()).refused += value;
                    }
                }
                case "courier_rpc_duration_seconds" -> percentile(methods, key, labels.get("quantile"), value);
                default -> {}
            }
        }
        return methods;
    }

    private static void percentile(Map<Key, Method> methods, Key key, String quantile, double seconds) {
        if ("0.5".equals(quantile)) {
            methods.computeIfAbsent(key, k -> new Method()).p50 = seconds * 1000;
        } else if ("0.99".equals(quantile)) {
            methods.computeIfAbsent(key, k -> new Method()).p99 = seconds * 1000;
        }
    }

    /** {@code a="x",b="y\"z"}: the exposition format's label list, escapes undone. */
    static Map<String, String> labels(String text) {
        Map<String, String> labels = new HashMap<>();
        int i = 0;
        while (i < text.length()) {
            int eq = text.indexOf('=', i);
            if (eq < 0 || eq + 1 >= text.length() || text.charAt(eq + 1) != '"') {
                break;
            }
            String name = text.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            for (; j < text.length() && text.charAt(j) != '"'; j++) {
                char c = text.charAt(j);
                if (c == '\\' && j + 1 < text.length()) {
                    char next = text.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            labels.put(name, value.toString());
            i = j + 1;
            if (i < text.length() && text.charAt(i) == ',') {
                i++;
            }
        }
        return labels;
    }
}
