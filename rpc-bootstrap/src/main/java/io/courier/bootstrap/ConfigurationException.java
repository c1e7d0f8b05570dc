package io.courier.bootstrap;

import java.util.List;

/**
 * Courier refused to start because its configuration is wrong: an unknown key, a value of the
 * wrong type or range, an {@code @Reference} field whose type is not an interface, two exports of
 * one service, and the like. Each {@linkplain #problems() problem} names the key (or the class),
 * the offending value and what was expected, e.g.
 * {@code courier.server.port: 'abc' (expected: an integer 0 to 65535) [system property]}.
 *
 * <p>When this is thrown from {@code start()}, nothing the start-up began is left running.
 */
public final class ConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigurationException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigurationException(String problem) {
        this(List.of(problem));
    }

    /** Every problem found, one sentence each. */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        if (problems.size() == 1) {
            return "Invalid Courier configuration: " + problems.get(0);
        }
        return "Invalid Courier configuration (" + problems.size() + " problems):\n  - "
                + String.join("\n  - ", problems);
    }
}
