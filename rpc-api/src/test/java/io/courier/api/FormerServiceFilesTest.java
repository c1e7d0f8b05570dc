package io.courier.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.cluster.Cluster;
import io.courier.api.cluster.LoadBalancer;
import io.courier.api.cluster.Router;
import io.courier.api.filter.FilterFactory;
import io.courier.api.proxy.ProxyFactory;
import io.courier.api.registry.RegistryFactory;
import io.courier.api.serialization.Serializer;
import io.courier.spi.ExtensionException;
import io.courier.spi.ExtensionLoader;
import io.courier.spi.ExtensionPoint;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extension points that left {@code io.courier.api} for a sub-package refuse a jar still listing
 * implementations under the old name: a services file is found by the interface's name, so an
 * application's services file named after the old one would otherwise be silently unread.
 */
class FormerServiceFilesTest {

    private static final List<Class<?>> MOVED = List.of(
            Cluster.class,
            LoadBalancer.class,
            Router.class,
            RegistryFactory.class,
            Serializer.class,
            ProxyFactory.class);

    @Test
    void everyMovedExtensionPoint_namesItsFormerName() {
        for (Class<?> type : MOVED) {
            assertThat(type.getAnnotation(ExtensionPoint.class).formerly())
                    .as("%s's name before the split", type.getName())
                    .containsExactly("io.courier.api." + type.getSimpleName());
        }
        // the filter's old file named the filter, which the factory was split from
        String[] formerly =
                FilterFactory.class.getAnnotation(ExtensionPoint.class).formerly();
        assertThat(formerly).containsExactly("io.courier.api.Filter");
    }

    @Test
    void aJarListingImplementationsUnderTheFormerName_failsNamingTheFileToUseInstead(@TempDir Path jar)
            throws IOException {
        for (Class<?> type : MOVED) {
            String former = "META-INF/services/io.courier.api." + type.getSimpleName();
            Path file = jar.resolve(former);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "com.acme.Custom\n");
            try (URLClassLoader loader =
                    new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
                assertThatThrownBy(() -> ExtensionLoader.of(type, loader).names())
                        .as(former)
                        .isInstanceOf(ExtensionException.class)
                        .hasMessageStartingWith(former + " is no longer read")
                        .hasMessageContaining(file.toString())
                        .hasMessageContaining("META-INF/services/" + type.getName());
            }
            Files.delete(file);
        }
    }
}
