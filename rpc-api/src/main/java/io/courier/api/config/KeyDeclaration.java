package io.courier.api.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What an application declares about one of its own keys, as it publishes it to the registry's
 * store ({@link KeyDeclarations}): what operators are shown beside the value, and the check the
 * configuration centre's writers rebuild to refuse a bad value before it is written. Immutable.
 *
 * <p>A check is {@code <kind>:<min>:<max>}, the kinds and ranges of a {@link ConfigPrefix} record's
 * components ({@link ConfigValue#min()}, {@link ConfigValue#max()}): {@code int}, {@code long},
 * {@code decimal}, {@code duration} (bounds in milliseconds), {@code boolean}, {@code string},
 * {@code secret}, {@code list}. A key declared with any other {@link ValueType} has no check: writers
 * refuse it only when undeclared, and the application checks its value when it reads it.
 *
 * @param name the key, e.g. {@code shop.discount-percent}
 * @param type the type's name as operators see it ({@link ValueType#name()})
 * @param expectation what a valid value is, e.g. {@code an integer 0 to 100}
 * @param defaultText the default as shown ({@code <hidden>} for a secret, {@code (none)} for none)
 * @param meaning one sentence saying what the key does; may be empty
 * @param secret whether its values are never shown
 * @param check the check writers rebuild, or empty for none
 */
public record KeyDeclaration(
        String name,
        String type,
        String expectation,
        String defaultText,
        String meaning,
        boolean secret,
        String check) {

    /** What shows a secret value: {@value}. */
    public static final String HIDDEN = "<hidden>";

    private static final long DAYS_100_YEARS = 36_500;

    public KeyDeclaration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(expectation, "expectation");
        Objects.requireNonNull(defaultText, "defaultText");
        Objects.requireNonNull(meaning, "meaning");
        Objects.requireNonNull(check, "check");
        if (!check.isEmpty()) {
            type(check); // refuses a malformed check now, not when a writer needs it
        }
    }

    /** The declaration of {@code key}, with {@code check} (empty for none). */
    public static KeyDeclaration of(ConfigKey<?> key, String check) {
        boolean secret = key.type().secret();
        String shownDefault = secret && key.defaultValue() != null ? HIDDEN : key.defaultText();
        return new KeyDeclaration(
                key.name(), key.type().name(), key.type().expectation(), shownDefault, key.meaning(), secret, check);
    }

    /** The check of {@code kind} from {@code min} to {@code max} ({@link Long#MIN_VALUE}/{@link Long#MAX_VALUE}: unbounded). */
    public static String check(String kind, long min, long max) {
        return kind + ":" + min + ":" + max;
    }

    /** The key as writers check it, or empty when it has no check. */
    public Optional<ConfigKey<?>> key() {
        if (check.isEmpty()) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        ValueType<Object> rebuilt = (ValueType<Object>) type(check);
        return Optional.of(ConfigKey.application(name, rebuilt, null, meaning));
    }

    /**
     * The type a check stands for: the one place a {@link ConfigPrefix} component's type is built,
     * by the application and by the writers alike.
     *
     * @throws IllegalArgumentException if {@code check} is not {@code <kind>:<min>:<max>} of a known kind
     */
    public static ValueType<?> type(String check) {
        String[] parts = check.split(":", -1);
        long min;
        long max;
        try {
            if (parts.length != 3) {
                throw new NumberFormatException();
            }
            min = Long.parseLong(parts[1]);
            max = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("check: '" + check + "' (expected: <kind>:<min>:<max>)");
        }
        return switch (parts[0]) {
            case "int" ->
                ValueType.integer((int) Math.max(min, Integer.MIN_VALUE), (int) Math.min(max, Integer.MAX_VALUE));
            case "long" ->
                min == Long.MIN_VALUE && max == Long.MAX_VALUE
                        ? ValueType.of("long", "an integer", Long::valueOf)
                        : ValueType.longInteger(min, max);
            case "decimal" ->
                ValueType.decimal(
                        min == Long.MIN_VALUE ? -Double.MAX_VALUE : min,
                        max == Long.MAX_VALUE ? Double.MAX_VALUE : max);
            case "duration" ->
                ValueType.duration(
                        Duration.ofMillis(Math.max(0, min)),
                        max == Long.MAX_VALUE ? Duration.ofDays(DAYS_100_YEARS) : Duration.ofMillis(max));
            case "boolean" -> ValueType.bool();
            case "string" -> ValueType.string();
            case "secret" -> ValueType.secretText();
            case "list" -> ValueType.list();
            default ->
                throw new IllegalArgumentException("check: '" + check
                        + "' (expected: a kind of int, long, decimal, duration, boolean, string, secret, list)");
        };
    }
}
