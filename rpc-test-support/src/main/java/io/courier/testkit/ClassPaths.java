package io.courier.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class path of this test JVM, as a child JVM needs it. Surefire and failsafe may start the test
 * JVM with a single "manifest-only" jar whose {@code Class-Path} attribute lists the real entries (to
 * keep the command line short); such a jar is expanded into those entries.
 */
public final class ClassPaths {

    private ClassPaths() {}

    /** This JVM's class path, with a manifest-only jar expanded into its entries. */
    public static String current() {
        String classPath = System.getProperty("java.class.path");
        String[] entries = classPath.split(File.pathSeparator);
        if (entries.length != 1 || !entries[0].endsWith(".jar")) {
            return classPath;
        }
        List<String> expanded = fromManifest(Path.of(entries[0]));
        return expanded.isEmpty() ? classPath : String.join(File.pathSeparator, expanded);
    }

    private static List<String> fromManifest(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String listed =
                    manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            List<String> entries = new ArrayList<>();
            if (listed == null) {
                return entries;
            }
            URI base = jar.toAbsolutePath().toUri();
            for (String entry : listed.trim().split("\\s+")) {
                if (!entry.isEmpty()) {
                    // Entries are URLs relative to the jar (surefire writes absolute file: URLs).
                    entries.add(Path.of(base.resolve(entry)).toString());
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + jar, e);
        }
    }
}
