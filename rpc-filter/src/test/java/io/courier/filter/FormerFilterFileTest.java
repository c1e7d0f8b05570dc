package io.courier.filter;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.filter.FilterFactory;
import io.courier.spi.ExtensionException;
import io.courier.spi.ExtensionLoader;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filter extension point's file before the factory was split from the filter is refused, not
 * ignored: a left-out authentication filter is an open door. The check is the extension loader's
 * ({@code @ExtensionPoint(formerly)} on {@link FilterFactory}), which every chain is built through.
 */
class FormerFilterFileTest {

    /** The file filters were listed in before {@link FilterFactory} was split from the filter. */
    private static final String RETIRED = "META-INF/services/io.courier.api.Filter";

    @Test
    void aJarThatStillListsFiltersInTheOldFile_failsNamingTheFileAndTheNewOne(@TempDir Path jar) throws IOException {
        Path file = jar.resolve(RETIRED);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "com.acme.TenantFilter\n");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThatThrownBy(() ->
                            ExtensionLoader.of(FilterFactory.class, loader).names())
                    .isInstanceOf(ExtensionException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("META-INF/services/io.courier.api.filter.FilterFactory");
        }
    }

    @Test
    void aClassPathWithoutTheOldFile_passes(@TempDir Path jar) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThatCode(() -> ExtensionLoader.of(FilterFactory.class, loader).names())
                    .doesNotThrowAnyException();
        }
        // this module's own class path, test services file included, lists nothing in the old file
        assertThatCode(() -> ExtensionLoader.of(FilterFactory.class, getClass().getClassLoader())
                        .names())
                .doesNotThrowAnyException();
    }
}
