package io.courier.bootstrap.internal.export;

import io.courier.api.Export;
import io.courier.bootstrap.ConfigurationException;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.ClassInfo;
import io.github.classgraph.ScanResult;
import java.util.ArrayList;
import java.util.List;

/** Finds the {@link Export} classes in packages, with ClassGraph, once at start-up. */
public final class ExportScanner {

    private ExportScanner() {}

    /**
     * The concrete classes annotated {@link Export} in {@code packages} and their sub-packages, sorted
     * by name so that start-up is the same on every run.
     */
    static List<Class<?>> scan(List<String> packages, ClassLoader classLoader) {
        if (packages.isEmpty()) {
            return List.of();
        }
        List<Class<?>> found = new ArrayList<>();
        // One worker thread: a scan of a few packages does not need a pool, and a pool's threads could
        // outlive a failed start-up for a moment.
        try (ScanResult result = new ClassGraph()
                .overrideClassLoaders(classLoader)
                .enableClassInfo()
                .enableAnnotationInfo()
                .acceptPackages(packages.toArray(String[]::new))
                .scan(1)) {
            for (ClassInfo info : result.getClassesWithAnnotation(Export.class)) {
                if (info.isInterface() || info.isAbstract() || info.isAnnotation()) {
                    throw new ConfigurationException("@Export on " + info.getName()
                            + " (expected: a concrete class implementing the service interface)");
                }
                found.add(info.loadClass());
            }
        }
        found.sort((a, b) -> a.getName().compareTo(b.getName()));
        return found;
    }
}
