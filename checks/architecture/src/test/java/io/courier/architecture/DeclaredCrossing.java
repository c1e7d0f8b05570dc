package io.courier.architecture;

/**
 * A dependency the rules let through, with its reason: classes under the package {@code from} may use the
 * one type {@code to} of another module's {@code .internal} package (nested classes count as their
 * top-level class). Used for {@link ModuleRules#FRIENDS}, a list meant to be empty, never to grow without a
 * reason a reviewer accepts.
 */
record DeclaredCrossing(String from, String to, String why) {

    /** Whether a class in {@code fromPackage} may use the top-level type {@code toType}. */
    boolean allows(String fromPackage, String toType) {
        return to.equals(toType) && (fromPackage.equals(from) || fromPackage.startsWith(from + "."));
    }
}
