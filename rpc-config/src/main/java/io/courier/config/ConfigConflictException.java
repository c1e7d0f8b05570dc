package io.courier.config;

/**
 * A write that expected a version which is no longer the current one (someone else wrote in
 * between); nothing was written. Read the current version, merge, and write again.
 */
public final class ConfigConflictException extends ConfigException {

    private static final long serialVersionUID = 1L;

    private final long expected;
    private final long actual;

    public ConfigConflictException(ConfigScope scope, long expected, long actual) {
        super("conflicting change to " + scope + ": expected version " + expected + ", current is " + actual);
        this.expected = expected;
        this.actual = actual;
    }

    /** The version the writer based its change on. */
    public long expected() {
        return expected;
    }

    /** The current version (0: no document). */
    public long actual() {
        return actual;
    }
}
