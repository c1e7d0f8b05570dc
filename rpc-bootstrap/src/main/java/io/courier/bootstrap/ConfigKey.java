package io.courier.bootstrap;

import java.util.Locale;

/**
 * One configuration key: its full name, its type, its default and what it means. Every key lives
 * in {@link ConfigKeys}; {@code docs/configuration.md} lists the same keys, which a test checks.
 *
 * @param name the full key, e.g. {@code courier.server.port}
 * @param type how its text is parsed and validated
 * @param defaultValue the value when no source sets it; {@code null} for "none"
 * @param defaultText the default as the configuration reference shows it
 * @param meaning one sentence for the configuration reference
 */
public record ConfigKey<T>(String name, ValueType<T> type, T defaultValue, String defaultText, String meaning) {

    static final String PREFIX = "courier.";
    static final String ENV_PREFIX = "COURIER_";

    /**
     * The environment variable that sets this key: the name after {@code courier.}, upper case, with
     * {@code .} and {@code -} turned into {@code _}; {@code courier.server.io-threads} is
     * {@code COURIER_SERVER_IO_THREADS}.
     */
    String environmentName() {
        return environmentName(name);
    }

    static String environmentName(String key) {
        return ENV_PREFIX
                + key.substring(PREFIX.length())
                        .toUpperCase(Locale.ROOT)
                        .replace('.', '_')
                        .replace('-', '_');
    }

    /** The message for invalid text: {@code courier.server.port: 'abc' (expected: an integer 0 to 65535)}. */
    String invalid(String text) {
        return invalid(name, text, type);
    }

    static String invalid(String key, String text, ValueType<?> type) {
        return key + ": '" + (type.secret() ? "<hidden>" : text) + "' (expected: " + type.expectation() + ")";
    }
}
