package io.courier.config;

import java.util.Objects;

/**
 * A document refused by validation; nothing was written. {@link #problem()} names the first defect
 * with its path; a value outside a key's range gets the key's own message, e.g. {@code
 * courier.consumer.timeout-millis: '-5' (expected: an integer >= 1) [document field config.timeout-millis]}.
 */
public final class InvalidConfigException extends ConfigException {

    private static final long serialVersionUID = 1L;

    private final String problem;

    public InvalidConfigException(ConfigScope scope, String problem) {
        super("invalid configuration for " + scope + ": " + problem);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** The defect, without the scope. */
    public String problem() {
        return problem;
    }
}
