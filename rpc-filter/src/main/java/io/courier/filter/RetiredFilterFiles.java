package io.courier.filter;

import io.courier.api.filter.FilterFactory;
import io.courier.spi.ExtensionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Refuses to build a chain while the class path still lists filters in {@value #RETIRED}, the
 * filter extension point's file before the factory ({@link FilterFactory}) was split from the filter:
 * nothing reads that file any more, so its filters would be left out of every chain without a word,
 * and a left-out authentication filter is an open door. Checked once per class loader.
 */
final class RetiredFilterFiles {

    static final String RETIRED = "META-INF/services/io.courier.api.Filter";

    private static final ClassValue<Boolean> CHECKED = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            ClassLoader loader = type.getClassLoader();
            check(loader != null ? loader : ClassLoader.getSystemClassLoader());
            return Boolean.TRUE;
        }
    };

    private RetiredFilterFiles() {}

    /** {@link #check(ClassLoader)} on the loader of the extension point, the first time only. */
    static void checkOnce() {
        CHECKED.get(FilterFactory.class);
    }

    /**
     * @throws ExtensionException naming every {@value #RETIRED} that {@code loader} sees, and what to do
     */
    static void check(ClassLoader loader) {
        List<URL> found;
        try {
            found = new ArrayList<>(Collections.list(loader.getResources(RETIRED)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RETIRED, e);
        }
        if (!found.isEmpty()) {
            throw new ExtensionException(RETIRED + " is no longer read, so the filters it lists would run nowhere: "
                    + found + " (expected: the classes implement " + FilterFactory.class.getName()
                    + " and are listed in META-INF/services/" + FilterFactory.class.getName()
                    + "; see docs/extending.md)");
        }
    }
}
