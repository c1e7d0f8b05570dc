package io.courier.spi;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The validated set of implementations of one extension point, read from services files. */
final class ExtensionCatalog<T> {

    private static final String SERVICES = "META-INF/services/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private final Map<String, ExtensionEntry<T>> byName;
    private final Set<String> names;

    private ExtensionCatalog(Map<String, ExtensionEntry<T>> byName) {
        this.byName = byName;
        this.names = Collections.unmodifiableSet(new TreeSet<>(byName.keySet()));
    }

    Set<String> names() {
        return names;
    }

    ExtensionEntry<T> find(String name) {
        return byName.get(name);
    }

    Collection<ExtensionEntry<T>> entries() {
        return byName.values();
    }

    static <T> ExtensionCatalog<T> read(Class<T> type, ClassLoader classLoader) {
        String resource = SERVICES + type.getName();
        refuseFormerFiles(type, classLoader, resource);
        Map<String, ExtensionEntry<T>> byName = new LinkedHashMap<>();
        Map<String, String> seenClasses = new LinkedHashMap<>();
        for (URL file : resources(classLoader, resource)) {
            for (String className : classNames(file)) {
                // The same jar can be on the class path twice; one class listed twice is one extension.
                if (seenClasses.putIfAbsent(className, file.toString()) != null) {
                    continue;
                }
                ExtensionEntry<T> entry = entry(type, classLoader, className, file.toString());
                ExtensionEntry<T> previous = byName.putIfAbsent(entry.name(), entry);
                if (previous != null) {
                    throw new ExtensionException("Two " + type.getName() + " extensions are named '" + entry.name()
                            + "': "
                            + previous.implementation().getName() + " (listed in " + previous.source() + ") and "
                            + className + " (listed in " + file + ")");
                }
            }
        }
        return new ExtensionCatalog<>(byName);
    }

    /**
     * Fails when the class path still lists implementations under a name the extension point had
     * before it moved ({@link ExtensionPoint#formerly()}): they would otherwise be silently missing.
     */
    private static void refuseFormerFiles(Class<?> type, ClassLoader classLoader, String resource) {
        for (String former : type.getAnnotation(ExtensionPoint.class).formerly()) {
            String retired = SERVICES + former;
            List<URL> found = resources(classLoader, retired);
            if (!found.isEmpty()) {
                throw new ExtensionException(retired + " is no longer read, so the extensions it lists would be loaded"
                        + " nowhere: " + found + " (expected: the classes implement " + type.getName()
                        + " and are listed in " + resource + "; see docs/extending.md)");
            }
        }
    }

    private static <T> ExtensionEntry<T> entry(Class<T> type, ClassLoader classLoader, String className, String file) {
        Class<?> implementation;
        try {
            implementation = Class.forName(className, false, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ExtensionException("Cannot load " + className + " listed in " + file + ": " + e, e);
        }
        if (!type.isAssignableFrom(implementation)) {
            throw new ExtensionException(className + " listed in " + file + " does not implement " + type.getName());
        }
        Extension extension = implementation.getAnnotation(Extension.class);
        if (extension == null) {
            throw new ExtensionException(className + " listed in " + file + " has no @Extension(\"name\") annotation");
        }
        if (!NAME.matcher(extension.value()).matches()) {
            throw new ExtensionException(className + " listed in " + file + " has an invalid extension name '"
                    + extension.value() + "' (expected: lower case letters, digits, '.', '_' or '-')");
        }
        return new ExtensionEntry<>(type, implementation.asSubclass(type), extension.value(), file);
    }

    private static List<URL> resources(ClassLoader classLoader, String resource) {
        try {
            Enumeration<URL> found = classLoader.getResources(resource);
            return Collections.list(found);
        } catch (IOException e) {
            throw new ExtensionException("Cannot list " + resource + ": " + e, e);
        }
    }

    private static List<String> classNames(URL file) {
        List<String> names = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(file.openStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                int comment = line.indexOf('#');
                String name = (comment >= 0 ? line.substring(0, comment) : line).trim();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            throw new ExtensionException("Cannot read " + file + ": " + e, e);
        }
        return names;
    }
}
