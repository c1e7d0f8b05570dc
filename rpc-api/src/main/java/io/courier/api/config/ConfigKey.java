package io.courier.api.config;

import java.util.Locale;
import java.util.Objects;

/**
 * One configuration key: its full name, its type, its default, what it means, and whether a
 * configuration-centre change applies to it without a restart. A module declares its keys in a
 * {@link ConfigKeyCatalog}; {@code docs/configuration.md} lists the same keys, which a test checks.
 *
 * <p>An application declares its own settings with the same model ({@link #application}): a name
 * outside {@code courier.}, such as {@code shop.discount-percent}, read by {@link AppSettings}.
 *
 * @param name the full key, e.g. {@code courier.server.port}, or an application's key such as
 *     {@code shop.discount-percent}
 * @param type how its text is parsed and validated
 * @param defaultValue the value when no source sets it; {@code null} for "none"
 * @param defaultText the default as the configuration reference shows it
 * @param meaning one sentence for the configuration reference
 * @param live whether the configuration centre may change it while the application runs
 */
public record ConfigKey<T>(
        String name, ValueType<T> type, T defaultValue, String defaultText, String meaning, boolean live) {

    /** The prefix of every key. */
    public static final String PREFIX = "courier.";
    /** The prefix of every key's environment variable. */
    public static final String ENV_PREFIX = "COURIER_";

    private static final java.util.regex.Pattern APPLICATION_NAME =
            java.util.regex.Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_$-]+)*");

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultText, "defaultText");
        Objects.requireNonNull(meaning, "meaning");
        if (name.equals(PREFIX) || !APPLICATION_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "name: '" + name + "' (expected: dot-separated words of letters, digits, '-' and '_')");
        }
    }

    /**
     * An application's own key, live: the configuration centre may change it while the application
     * runs ({@link AppSettings#onChange}). The type says whether it is secret ({@link ValueType#secret()}).
     *
     * @throws IllegalArgumentException if {@code name} starts with {@code courier.} (Courier's own
     *     keys) or is not dot-separated words
     */
    public static <T> ConfigKey<T> application(String name, ValueType<T> type, T defaultValue, String meaning) {
        Objects.requireNonNull(name, "name");
        if (name.startsWith(PREFIX)) {
            throw new IllegalArgumentException(
                    "name: '" + name + "' (expected: an application key outside courier., e.g. shop.discount-percent)");
        }
        String shown = defaultValue == null ? "(none)" : type.secret() ? "<hidden>" : String.valueOf(defaultValue);
        return new ConfigKey<>(name, type, defaultValue, shown, meaning, true);
    }

    /** Whether this is one of Courier's own keys (its name starts with {@code courier.}). */
    public boolean courierKey() {
        return name.startsWith(PREFIX);
    }

    /** A key that is read at start only. */
    public static <T> ConfigKey<T> of(
            String name, ValueType<T> type, T defaultValue, String defaultText, String meaning) {
        return new ConfigKey<>(name, type, defaultValue, defaultText, meaning, false);
    }

    /** This key, marked as changed live by the configuration centre. */
    public ConfigKey<T> asLive() {
        return new ConfigKey<>(name, type, defaultValue, defaultText, meaning, true);
    }

    /**
     * The environment variable that sets this key: the name after {@code courier.}, upper case, with
     * {@code .} and {@code -} turned into {@code _}; {@code courier.server.io-threads} is
     * {@code COURIER_SERVER_IO_THREADS}.
     */
    public String environmentName() {
        return environmentName(name);
    }

    /** The environment variable of any key name, as {@link #environmentName()}. */
    public static String environmentName(String key) {
        // courier.x is COURIER_X: the prefix follows the same rule as the rest of the name
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * The value of {@code text}, set under this key.
     *
     * @throws ConfigValueException if {@code text} is not a valid value
     */
    public T parse(String text) {
        return parse(text, name, null);
    }

    /**
     * The value of {@code text}, set under {@code setAs} (this key's name, or a per-method or
     * per-service form of it) by {@code origin}.
     *
     * @param origin where it was set, for the message; {@code null} if unknown
     * @throws ConfigValueException if {@code text} is not a valid value
     */
    public T parse(String text, String setAs, String origin) {
        try {
            return type.parse(text);
        } catch (ValueType.Rejected e) {
            throw new ConfigValueException(setAs, e.shownValue(), e.expected(), origin);
        } catch (IllegalArgumentException e) {
            throw new ConfigValueException(setAs, type.show(text), type.expectation(), origin);
        }
    }
}
