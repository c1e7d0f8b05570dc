package io.courier.config;

/**
 * A configuration-centre operation that could not be done, for a reason the caller can show as is:
 * an invalid document ({@link InvalidConfigException}), a concurrent change
 * ({@link ConfigConflictException}), an unknown version, or an unreachable registry. The message
 * names the scope and the cause; it never contains a stack trace or the document's text.
 */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
