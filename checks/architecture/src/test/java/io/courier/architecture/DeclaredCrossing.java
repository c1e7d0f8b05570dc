package io.courier.architecture;

/**
 * A dependency the rules let through, with its reason: classes under the package {@code from} may use
 * classes under {@code to}. Used for the declared friends of a module's {@code .internal} packages
 * ({@link ModuleRules#FRIENDS}), a list meant to shrink, never to grow without a reason a reviewer accepts.
 */
record DeclaredCrossing(String from, String to, String why) {

    /** Whether a class in {@code fromPackage} may use the module or package rooted at {@code toRoot}. */
    boolean allows(String fromPackage, String toRoot) {
        return to.equals(toRoot) && (fromPackage.equals(from) || fromPackage.startsWith(from + "."));
    }
}
