package io.courier.api.config;

/**
 * A configuration value Courier cannot use, in the one format every key's problem is reported in:
 * the key, the value (hidden when secret), what was expected and, when known, where it was set:
 * {@code courier.server.port: 'abc' (expected: an integer 0 to 65535) [system property]}.
 *
 * <p>An {@link IllegalArgumentException}, as a bad option given to a filter always was.
 */
public final class ConfigValueException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final String value;
    private final String expectation;
    private final String origin;

    /**
     * @param key the key as it was set, e.g. {@code courier.filter.getUser.rate-limit.qps}
     * @param value the value as the message shows it (quoted, bare or hidden)
     * @param expectation what a valid value is
     * @param origin where it was set ({@code system property}, {@code builder}); {@code null} if unknown
     */
    public ConfigValueException(String key, String value, String expectation, String origin) {
        super(format(key, value, expectation, origin));
        this.key = key;
        this.value = value;
        this.expectation = expectation;
        this.origin = origin;
    }

    /** The one format: {@code <key>: <value> (expected: <expectation>)[ [<origin>]]}. */
    public static String format(String key, String value, String expectation, String origin) {
        return key + ": " + value + " (expected: " + expectation + ")" + (origin == null ? "" : " [" + origin + "]");
    }

    /** The key as it was set. */
    public String key() {
        return key;
    }

    /** The value as the message shows it. */
    public String value() {
        return value;
    }

    /** What a valid value is. */
    public String expectation() {
        return expectation;
    }

    /** Where the value was set, or {@code null} if unknown. */
    public String origin() {
        return origin;
    }
}
