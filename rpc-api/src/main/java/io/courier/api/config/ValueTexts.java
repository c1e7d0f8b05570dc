package io.courier.api.config;

import java.util.ArrayList;
import java.util.List;

/** The checks and texts several {@link ValueType}s share: ranges as words, decimals, secrets' sizes. */
final class ValueTexts {

    private ValueTexts() {}

    static Double parseDecimal(String text, double min, double max) {
        double value = Double.parseDouble(text);
        return !Double.isFinite(value) || value < min || value > max ? null : value;
    }

    static String rangeText(long min, long max) {
        if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) {
            return min == 0 ? ">= 0" : min == 1 ? "> 0" : ">= " + min;
        }
        return min + " to " + max;
    }

    static void checkSecret(String text, int minBytes) {
        int size = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        if (size < minBytes) {
            throw new ValueType.Rejected(hiddenSize(text), "at least " + minBytes + " bytes");
        }
    }

    static String hiddenSize(String text) {
        return "(hidden, " + text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + " bytes)";
    }

    /** Each of {@code items} as a decimal in {@code [min, max]}; the first that is not is rejected by name. */
    static List<Double> decimals(List<String> items, double min, double max, String expected) {
        List<Double> values = new ArrayList<>();
        for (String item : items) {
            Double value = null;
            try {
                value = parseDecimal(item, min, max);
            } catch (NumberFormatException e) {
                // reported below, naming the item
            }
            if (value == null) {
                throw new ValueType.Rejected(item, expected);
            }
            values.add(value);
        }
        return List.copyOf(values);
    }

    /** {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}, {@code 1d} or ISO-8601; {@code null} if neither. */
    static java.time.Duration parseDuration(String text) {
        java.util.regex.Matcher unit = DURATION.matcher(text);
        if (unit.matches()) {
            long amount = Long.parseLong(unit.group(1));
            return switch (unit.group(2)) {
                case "ms" -> java.time.Duration.ofMillis(amount);
                case "s" -> java.time.Duration.ofSeconds(amount);
                case "m" -> java.time.Duration.ofMinutes(amount);
                case "h" -> java.time.Duration.ofHours(amount);
                default -> java.time.Duration.ofDays(amount);
            };
        }
        try {
            return java.time.Duration.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static final java.util.regex.Pattern DURATION = java.util.regex.Pattern.compile("(\\d{1,15})(ms|s|m|h|d)");
}
