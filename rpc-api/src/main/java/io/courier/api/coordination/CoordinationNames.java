package io.courier.api.coordination;

import java.util.Objects;
import java.util.regex.Pattern;

/** The rule for the names of locks, semaphores and election groups. */
public final class CoordinationNames {

    /** What a valid name is, as error messages say it. */
    public static final String RULE =
            "1 to 128 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private CoordinationNames() {}

    /** Whether {@code name} follows the rule. */
    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /**
     * Returns {@code name} if it follows the rule.
     *
     * @param what what the name is for messages, e.g. {@code "lock name"}
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException naming the value and the rule otherwise
     */
    public static String check(String what, String name) {
        Objects.requireNonNull(name, what);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + ": '" + name + "' (expected: " + RULE + ")");
        }
        return name;
    }
}
