package io.courier.filter.internal;

import java.util.Arrays;
import java.util.List;

/**
 * One configuration value with the key it was found under, so that a parse error names the key,
 * the value and what was expected: {@code "courier.filter.rate-limit.qps: -1 (expected: >= 0)"}.
 *
 * @param key where the value came from
 * @param value the raw text, trimmed
 */
public record Setting(String key, String value) {

    /** An integer in {@code [min, max]}. */
    public long asLong(long min, long max) {
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid("an integer from " + min + " to " + max);
        }
        if (parsed < min || parsed > max) {
            throw invalid(range(min, max));
        }
        return parsed;
    }

    /** An integer in {@code [min, max]}. */
    public int asInt(int min, int max) {
        return (int) asLong(min, max);
    }

    /** A finite decimal number in {@code [min, max]}. */
    public double asDouble(double min, double max) {
        double parsed;
        try {
            parsed = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw invalid("a number from " + min + " to " + max);
        }
        if (!Double.isFinite(parsed) || parsed < min || parsed > max) {
            throw invalid("a number from " + min + " to " + max);
        }
        return parsed;
    }

    /** {@code true} or {@code false}, nothing else: a typo must not silently mean "off". */
    public boolean asBoolean() {
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        if ("false".equalsIgnoreCase(value)) {
            return false;
        }
        throw invalid("true or false");
    }

    /** Comma-separated items, trimmed, empty items dropped. */
    public List<String> asList() {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(item -> !item.isEmpty())
                .toList();
    }

    /** One of {@code allowed}, compared ignoring case; returns the allowed spelling. */
    public String asChoice(String... allowed) {
        for (String choice : allowed) {
            if (choice.equalsIgnoreCase(value)) {
                return choice;
            }
        }
        throw invalid("one of " + String.join(", ", allowed));
    }

    /** The error for this value: {@code "<key>: <value> (expected: <expectation>)"}. */
    public IllegalArgumentException invalid(String expectation) {
        return new IllegalArgumentException(key + ": " + value + " (expected: " + expectation + ")");
    }

    private static String range(long min, long max) {
        if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) {
            return min == 0 ? ">= 0" : min == 1 ? "> 0" : ">= " + min;
        }
        return min + " to " + max;
    }
}
