package io.courier.filter;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.spi.ExtensionException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetiredFilterFilesTest {

    @Test
    void aJarThatStillListsFiltersInTheOldFile_failsNamingTheFileAndTheNewOne(@TempDir Path jar) throws IOException {
        Path file = jar.resolve(RetiredFilterFiles.RETIRED);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "com.acme.TenantFilter\n");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThatThrownBy(() -> RetiredFilterFiles.check(loader))
                    .isInstanceOf(ExtensionException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("META-INF/services/io.courier.api.filter.FilterFactory");
        }
    }

    @Test
    void aClassPathWithoutTheOldFile_passes(@TempDir Path jar) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            assertThatCode(() -> RetiredFilterFiles.check(loader)).doesNotThrowAnyException();
        }
        // this module's own class path, test services file included, lists nothing in the old file
        assertThatCode(() -> RetiredFilterFiles.check(getClass().getClassLoader()))
                .doesNotThrowAnyException();
    }
}
