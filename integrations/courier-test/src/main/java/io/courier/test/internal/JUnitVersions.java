package io.courier.test.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks, once per JVM, that the JUnit jars on the test class path are one JUnit release that the
 * kit supports. The kit brings no JUnit of its own (it is {@code provided}), but a build can still end
 * up with, say, {@code junit-jupiter-api} of one release and {@code junit-jupiter-engine} of another
 * (two declarations, a BOM managing only some of them); JUnit then fails with a
 * {@code NoSuchMethodError} that names neither the versions nor the fix. This says both.
 *
 * <p>Each jar's version is its manifest's {@code Implementation-Version}; a jar without one (classes
 * built by an IDE, a repackaged JUnit) is not checked.
 */
public final class JUnitVersions {

    /** The oldest JUnit the kit is built and tested with; keep equal to courier-test's pom and docs/testing.md. */
    public static final String OLDEST = "5.10.2";

    /** A class of each JUnit jar whose version must agree; the launcher is left out (IDEs bring their own). */
    private static final Map<String, String> PROBES = probes();

    private static final Optional<String> PROBLEM = problem(versionsOnClassPath());

    private JUnitVersions() {}

    /** What is wrong with the JUnit jars of this class path, in words a user can act on; empty if nothing. */
    public static Optional<String> problem() {
        return PROBLEM;
    }

    /**
     * What is wrong with these versions (jar name to version, {@code junit-jupiter-api} first; a missing
     * or {@code null} version is not checked), or empty when they are one supported JUnit release.
     */
    public static Optional<String> problem(Map<String, String> versions) {
        String jupiter = versions.get("junit-jupiter-api");
        if (jupiter == null || parse(jupiter) == null) {
            return Optional.empty();
        }
        List<String> mismatched = new ArrayList<>();
        for (Map.Entry<String, String> jar : versions.entrySet()) {
            String expected = jar.getKey().startsWith("junit-platform-") ? platformOf(jupiter) : jupiter;
            if (jar.getValue() != null && !jar.getValue().equals(expected)) {
                mismatched.add(jar.getKey() + " " + jar.getValue());
            }
        }
        String found = describe(versions);
        if (!mismatched.isEmpty()) {
            return Optional.of("Courier's test kit (courier-test) found JUnit jars of different releases on the test"
                    + " class path: " + found + ". Not of the release of junit-jupiter-api " + jupiter + ": "
                    + String.join(", ", mismatched) + " (expected: junit-jupiter-* " + jupiter + ", junit-platform-* "
                    + platformOf(jupiter) + "). JUnit fails in such a mix with errors"
                    + " such as NoSuchMethodError. Fix: declare one JUnit release for all of them, e.g. import"
                    + " org.junit:junit-bom:" + jupiter + " (type pom, scope import) in dependencyManagement, or"
                    + " depend on org.junit.jupiter:junit-jupiter alone; courier-test brings no JUnit of its own."
                    + " Supported: JUnit " + OLDEST + " or newer (docs/testing.md).");
        }
        if (compare(parse(jupiter), parse(OLDEST)) < 0) {
            return Optional.of("Courier's test kit (courier-test) needs JUnit " + OLDEST + " or newer, and the test"
                    + " class path has " + found + ". Fix: depend on org.junit.jupiter:junit-jupiter " + OLDEST
                    + " or newer (docs/testing.md).");
        }
        return Optional.empty();
    }

    /** The JUnit Platform release that belongs to a Jupiter release: 1.x.y for 5.x.y, the same from 6 on. */
    public static String platformOf(String jupiter) {
        return jupiter.startsWith("5.") ? "1." + jupiter.substring(2) : jupiter;
    }

    private static Map<String, String> probes() {
        Map<String, String> probes = new LinkedHashMap<>();
        probes.put("junit-jupiter-api", "org.junit.jupiter.api.Test");
        probes.put("junit-jupiter-engine", "org.junit.jupiter.engine.JupiterTestEngine");
        probes.put("junit-platform-engine", "org.junit.platform.engine.TestEngine");
        probes.put("junit-platform-commons", "org.junit.platform.commons.JUnitException");
        return probes;
    }

    private static Map<String, String> versionsOnClassPath() {
        Map<String, String> versions = new LinkedHashMap<>();
        ClassLoader loader = JUnitVersions.class.getClassLoader();
        PROBES.forEach((jar, probe) -> {
            try {
                Package jarPackage = Class.forName(probe, false, loader).getPackage();
                versions.put(jar, jarPackage == null ? null : jarPackage.getImplementationVersion());
            } catch (ClassNotFoundException | LinkageError e) {
                // not on the class path (an engine other than Jupiter's may run the tests): nothing to compare
            }
        });
        return versions;
    }

    private static String describe(Map<String, String> versions) {
        List<String> parts = new ArrayList<>();
        versions.forEach((jar, version) -> parts.add(jar + " " + (version == null ? "(version unknown)" : version)));
        return String.join(", ", parts);
    }

    /** major, minor, patch of a version such as {@code 5.10.2} or {@code 6.0.0-RC1}; null if it is not one. */
    private static int[] parse(String version) {
        String[] parts = version.split("[.-]");
        if (parts.length < 3) {
            return null;
        }
        try {
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }
}
