package io.courier.api.config;

import io.courier.api.coordination.CoordinationNames;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * How the text of one configuration value becomes a typed value: the type's name as the
 * configuration reference shows it, what a valid value looks like (for error messages), the
 * parser, and how an error message shows a rejected text (quoted, bare, or hidden for secrets).
 *
 * <p>The factories below are the types Courier's own keys use; a module declaring keys may build
 * its own with {@link #of(String, String, Function)}. Two message styles exist because both are
 * pinned by existing messages: the start-up keys quote the value ({@code 'abc'}), the filter
 * options print it bare ({@code -3}); the format around it is the one of
 * {@link ConfigValueException}.
 *
 * @param name the type as {@code docs/configuration.md} shows it, e.g. {@code int}
 * @param expectation what a valid value is, for error messages: {@code an integer 0 to 65535}
 * @param parser returns the value, or {@code null} or throws {@link IllegalArgumentException} for
 *     invalid text; it receives the text with surrounding blanks removed
 * @param shown how an error message shows a rejected text
 */
public record ValueType<T>(
        String name, String expectation, Function<String, T> parser, Function<String, String> shown) {

    private static final Pattern EXTENSION_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern REGISTRY_URL = Pattern.compile("[a-z0-9][a-z0-9._-]*://\\S+");
    private static final Pattern PACKAGE_NAME = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*");
    private static final Function<String, String> QUOTED = text -> "'" + text + "'";
    private static final Function<String, String> BARE = text -> text;
    private static final Function<String, String> HIDDEN = text -> "'<hidden>'";

    /** The word "off", which {@link #orOff(ValueType)} types accept for "no limit". */
    public static final String OFF = "off";

    public ValueType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expectation, "expectation");
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(shown, "shown");
    }

    /** A type whose rejected values messages quote: {@code 'abc'}. */
    public static <T> ValueType<T> of(String name, String expectation, Function<String, T> parser) {
        return new ValueType<>(name, expectation, parser, QUOTED);
    }

    /**
     * The typed value of {@code text}.
     *
     * @throws IllegalArgumentException if {@code text} is not a valid value of this type
     */
    public T parse(String text) {
        T value = parser.apply(text.trim());
        if (value == null) {
            throw new IllegalArgumentException(expectation);
        }
        return value;
    }

    /** Whether values of this type are secrets that messages must not print. */
    public boolean secret() {
        return name.equals("secret");
    }

    /** How an error message shows {@code text}. */
    public String show(String text) {
        return shown.apply(text);
    }

    /** This type, its rejected values printed bare in messages, as filter options print them. */
    public ValueType<T> bare() {
        return new ValueType<>(name, expectation, parser, secret() ? shown : BARE);
    }

    /**
     * Thrown by a parser whose message needs another expectation or another view of the value than
     * the type's own, e.g. the one bad item of a list, or the size of a secret.
     */
    public static final class Rejected extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        private final String shownValue;
        private final String expected;

        /**
         * @param shownValue the value as the message shows it
         * @param expected what was expected
         */
        public Rejected(String shownValue, String expected) {
            super(expected);
            this.shownValue = shownValue;
            this.expected = expected;
        }

        /** The value as the message shows it. */
        public String shownValue() {
            return shownValue;
        }

        /** What was expected. */
        public String expected() {
            return expected;
        }
    }

    // --- the start-up keys' types: messages quote the value ---

    public static ValueType<Integer> integer(int min, int max) {
        return of("int", "an integer " + min + " to " + max, text -> {
            long value = Long.parseLong(text);
            return value < min || value > max ? null : (int) value;
        });
    }

    public static ValueType<Long> longInteger(long min, long max) {
        String range = max == Long.MAX_VALUE ? "an integer >= " + min : "an integer " + min + " to " + max;
        return of("long", range, text -> {
            long value = Long.parseLong(text);
            return value < min || value > max ? null : value;
        });
    }

    /** {@code true} or {@code false}, lower case, nothing else. */
    public static ValueType<Boolean> bool() {
        return of("boolean", "true or false", text -> switch (text) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        });
    }

    /** Any text, surrounding blanks removed; may be empty. */
    public static ValueType<String> string() {
        return of("string", "any text", text -> text);
    }

    /** Text that is not empty. */
    public static ValueType<String> nonEmpty(String expectation) {
        return of("string", expectation, text -> text.isEmpty() ? null : text);
    }

    /** Empty, or the name of a lock, semaphore or election group ({@link CoordinationNames}). */
    public static ValueType<String> coordinationName() {
        return of(
                "string",
                "empty, or " + CoordinationNames.RULE,
                text -> text.isEmpty() || CoordinationNames.isValid(text) ? text : null);
    }

    /** The name of an extension, checked against the class path when the value is used. */
    public static ValueType<String> extensionName() {
        return of(
                "string",
                "an extension name (lower case letters, digits, '.', '_', '-')",
                text -> EXTENSION_NAME.matcher(text).matches() ? text : null);
    }

    public static ValueType<String> oneOf(Set<String> allowed) {
        Set<String> sorted = new TreeSet<>(allowed);
        return of("string", "one of " + String.join(", ", sorted), text -> allowed.contains(text) ? text : null);
    }

    /** Comma-separated items, each trimmed; empty items are dropped, so an empty text is an empty list. */
    public static ValueType<List<String>> list() {
        return of("list", "comma-separated values", ValueType::split);
    }

    /** Comma-separated extension names. */
    public static ValueType<List<String>> extensionNames() {
        return of("list", "one or more comma-separated extension names", text -> {
            List<String> items = split(text);
            boolean valid = !items.isEmpty()
                    && items.stream()
                            .allMatch(item -> EXTENSION_NAME.matcher(item).matches());
            return valid ? items : null;
        });
    }

    /** Comma-separated Java package names. */
    public static ValueType<List<String>> packages() {
        return of("list", "comma-separated Java package names, e.g. com.example,org.shop", text -> {
            List<String> items = split(text);
            return items.stream().allMatch(item -> PACKAGE_NAME.matcher(item).matches()) ? items : null;
        });
    }

    /** An absolute ZooKeeper path without a trailing slash. */
    public static ValueType<String> zooKeeperPath() {
        return of(
                "string",
                "an absolute path like /courier",
                text -> text.startsWith("/") && (text.length() == 1 || !text.endsWith("/")) ? text : null);
    }

    /** Empty, {@code embedded}, or {@code scheme://address}. */
    public static ValueType<String> registryAddress() {
        return of(
                "string",
                "embedded, zookeeper://host:port[,host:port] or empty for none",
                text -> text.isEmpty()
                                || EXTENSION_NAME.matcher(text).matches()
                                || REGISTRY_URL.matcher(text).matches()
                        ? text
                        : null);
    }

    /** Empty, or {@code user:password}; such a value is never printed. */
    public static ValueType<String> digestAuth() {
        return new ValueType<>(
                "secret",
                "user:password or empty",
                text -> text.isEmpty() || text.indexOf(':') > 0 ? text : null,
                HIDDEN);
    }

    /** Any text that messages must not print, e.g. a password; may be empty. */
    public static ValueType<String> secretText() {
        return new ValueType<>("secret", "any text", text -> text, HIDDEN);
    }

    /**
     * A secret of at least {@code minBytes} UTF-8 bytes; a message shows only its size:
     * {@code (hidden, 9 bytes) (expected: at least 32 bytes)}.
     */
    public static ValueType<String> secret(int minBytes) {
        return new ValueType<>(
                "secret",
                "at least " + minBytes + " bytes",
                text -> {
                    ValueTexts.checkSecret(text, minBytes);
                    return text;
                },
                ValueTexts::hiddenSize);
    }

    /** Comma-separated secrets, at least one, each of at least {@code minBytes} UTF-8 bytes. */
    public static ValueType<List<String>> secrets(int minBytes, String expectation) {
        return new ValueType<>(
                "secret",
                expectation,
                text -> {
                    List<String> items = split(text);
                    if (items.isEmpty()) {
                        return null;
                    }
                    items.forEach(item -> ValueTexts.checkSecret(item, minBytes));
                    return items;
                },
                ValueTexts::hiddenSize);
    }

    /** Comma-separated items, at least one, each from {@code allowed}. */
    public static ValueType<List<String>> someOf(List<String> allowed) {
        return of("list", "one or more of " + String.join(", ", allowed), text -> {
            List<String> items = split(text);
            return !items.isEmpty() && allowed.containsAll(items) ? items : null;
        });
    }

    public static ValueType<Path> path() {
        return of("path", "a file path", text -> {
            if (text.isEmpty()) {
                return null;
            }
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                return null;
            }
        });
    }

    /**
     * A duration from {@code min} to {@code max}: a whole number with a unit ({@code 500ms}, {@code 2s},
     * {@code 5m}, {@code 1h}, {@code 1d}) or ISO-8601 ({@code PT2S}).
     */
    public static ValueType<java.time.Duration> duration(java.time.Duration min, java.time.Duration max) {
        return of("duration", "a duration " + min + " to " + max + " (500ms, 2s, 5m, 1h, 1d or PT2S)", text -> {
            java.time.Duration value = ValueTexts.parseDuration(text);
            return value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0 ? null : value;
        });
    }

    // --- the filter options' types: messages print the value bare ---

    /** An integer in {@code [min, max]}: {@code 0 to 600}, {@code >= 10}, {@code > 0}. */
    public static ValueType<Long> range(long min, long max) {
        return new ValueType<>(
                "long",
                ValueTexts.rangeText(min, max),
                text -> {
                    long value = Long.parseLong(text);
                    return value < min || value > max ? null : value;
                },
                BARE);
    }

    /** An integer in {@code [min, max]}, as {@link #range(long, long)}. */
    public static ValueType<Integer> intRange(int min, int max) {
        return new ValueType<>(
                "int",
                ValueTexts.rangeText(min, max),
                text -> {
                    long value = Long.parseLong(text);
                    return value < min || value > max ? null : (int) value;
                },
                BARE);
    }

    /** A finite decimal number in {@code [min, max]}. */
    public static ValueType<Double> decimal(double min, double max) {
        return new ValueType<>(
                "decimal",
                "a number from " + min + " to " + max,
                text -> ValueTexts.parseDecimal(text, min, max),
                BARE);
    }

    /** Comma-separated decimal numbers, each in {@code [min, max]}; empty for none. */
    public static ValueType<List<Double>> decimals(double min, double max) {
        String expected = "a number from " + min + " to " + max;
        return new ValueType<>("list", expected, text -> ValueTexts.decimals(split(text), min, max, expected), BARE);
    }

    /** {@code true} or {@code false} in any case: a typo must not silently mean "off". */
    public static ValueType<Boolean> flag() {
        return new ValueType<>(
                "boolean",
                "true or false",
                text -> "true".equalsIgnoreCase(text)
                        ? Boolean.TRUE
                        : "false".equalsIgnoreCase(text) ? Boolean.FALSE : null,
                BARE);
    }

    /** One of {@code allowed}, compared ignoring case; the value is the allowed spelling. */
    public static ValueType<String> choice(String... allowed) {
        List<String> choices = List.of(allowed);
        return new ValueType<>(
                "string",
                "one of " + String.join(", ", choices),
                text -> choices.stream()
                        .filter(text::equalsIgnoreCase)
                        .findFirst()
                        .orElse(null),
                BARE);
    }

    /** Any text, printed bare in messages. */
    public static ValueType<String> text() {
        return new ValueType<>("string", "any text", text -> text, BARE);
    }

    /** Comma-separated items, trimmed, empty ones dropped; printed bare in messages. */
    public static ValueType<List<String>> items() {
        return new ValueType<>("list", "comma-separated values", ValueType::split, BARE);
    }

    /**
     * {@code inner}'s values, or {@code off} (any case) for none: a limit that can be lifted.
     * Expectation: {@code inner}'s, then {@code , or off}.
     */
    public static <T> ValueType<Optional<T>> orOff(ValueType<T> inner) {
        return new ValueType<>(
                inner.name(),
                inner.expectation() + ", or " + OFF,
                text -> {
                    if (OFF.equalsIgnoreCase(text)) {
                        return Optional.empty();
                    }
                    T value = inner.parser().apply(text);
                    return value == null ? null : Optional.of(value);
                },
                inner.shown());
    }

    /** Comma-separated items, trimmed, empty ones dropped. */
    public static List<String> split(String text) {
        return Arrays.stream(text.split(","))
                .map(String::trim)
                .filter(item -> !item.isEmpty())
                .toList();
    }
}
