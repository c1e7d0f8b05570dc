package io.courier.cluster.strategy;

import io.courier.api.MethodDescriptor;
import io.courier.cluster.ClusterOptions;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hedging}'s settings in force: the application's {@link ClusterOptions} with the live values
 * of the service's dynamic configuration over them. The live keys are entries of
 * {@code DynamicConfig#limits()}, written by the configuration centre: {@value #DELAY},
 * {@value #PERCENTILE} and {@value #BUDGET}, and, per method, the first two behind the method's
 * descriptor or name ({@code getUser(long).hedging.delay-millis}, then
 * {@code getUser.hedging.delay-millis}). A value that does not parse or is out of range is logged
 * and ignored. Immutable.
 */
final class HedgingPolicy {

    static final String DELAY = "hedging.delay-millis";
    static final String PERCENTILE = "hedging.percentile";
    static final String BUDGET = "hedging.budget-percent";

    private static final Logger log = LoggerFactory.getLogger(HedgingPolicy.class);

    /** The limits these settings were read from, compared by identity to spot a new configuration. */
    final Map<String, String> source;

    final int budgetPercent;
    private final long delayMillis;
    private final int percentile;
    /** Per-method overrides by descriptor or name; empty (the usual case) costs one check per call. */
    private final Map<String, Long> methodDelays;

    private final Map<String, Integer> methodPercentiles;

    private HedgingPolicy(
            Map<String, String> source,
            long delayMillis,
            int percentile,
            int budgetPercent,
            Map<String, Long> methodDelays,
            Map<String, Integer> methodPercentiles) {
        this.source = source;
        this.delayMillis = delayMillis;
        this.percentile = percentile;
        this.budgetPercent = budgetPercent;
        this.methodDelays = methodDelays;
        this.methodPercentiles = methodPercentiles;
    }

    static HedgingPolicy of(ClusterOptions options, Map<String, String> limits) {
        long delay = number(limits, DELAY, 0, 3_600_000, options.hedgingDelayMillis());
        int percentile = (int) number(limits, PERCENTILE, 50, 99, options.hedgingPercentile());
        int budget = (int) number(limits, BUDGET, 0, 100, options.hedgingBudgetPercent());
        Map<String, Long> delays = new HashMap<>();
        Map<String, Integer> percentiles = new HashMap<>();
        for (String key : limits.keySet()) {
            if (key.endsWith("." + DELAY)) {
                String method = key.substring(0, key.length() - DELAY.length() - 1);
                delays.put(method, number(limits, key, 0, 3_600_000, delay));
            } else if (key.endsWith("." + PERCENTILE)) {
                String method = key.substring(0, key.length() - PERCENTILE.length() - 1);
                percentiles.put(method, (int) number(limits, key, 50, 99, percentile));
            }
        }
        return new HedgingPolicy(limits, delay, percentile, budget, Map.copyOf(delays), Map.copyOf(percentiles));
    }

    /**
     * How long a call of {@code method} waits before its second attempt, in nanoseconds: the fixed
     * delay, or the percentile of {@code window}; -1 while the window has too few samples.
     */
    long delayNanos(MethodDescriptor method, LatencyWindow window) {
        long fixed = delayMillis;
        int wanted = percentile;
        if (!methodDelays.isEmpty() || !methodPercentiles.isEmpty()) {
            fixed = override(methodDelays, method, fixed);
            wanted = (int) override(methodPercentiles, method, wanted);
        }
        return fixed > 0 ? fixed * 1_000_000L : window.percentileNanos(wanted);
    }

    private static long override(Map<String, ? extends Number> overrides, MethodDescriptor method, long otherwise) {
        Number value = overrides.get(method.descriptor());
        if (value == null) {
            value = overrides.get(method.name());
        }
        return value == null ? otherwise : value.longValue();
    }

    private static long number(Map<String, String> limits, String key, long min, long max, long otherwise) {
        String text = limits.get(key);
        if (text == null) {
            return otherwise;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // logged below
        }
        log.warn("Ignored the live setting {}: '{}' (expected: {} to {})", key, abbreviate(text), min, max);
        return otherwise;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
