package io.courier.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One package has one module: the Java files of a package, main and test, live in one module of the build,
 * the users' projects included ({@link PackageHomes}). A package split across modules is read by two builds
 * that each think they own it, and a test placed in another module's package to reach its package-private
 * members is a hole in that module's wall.
 */
class PackageHomesTest {

    private static final Path ROOT = Path.of("..", "..");

    @Test
    void everyPackage_livesInOneModule() {
        Map<String, Set<String>> homes = PackageHomes.of(ROOT);
        // guards against passing on a misread reactor
        assertThat(PackageHomes.modules(ROOT))
                .contains("rpc-api", "examples/model", "courier-bom/check", "user-projects/getting-started")
                .hasSizeGreaterThan(30);
        assertThat(homes).hasSizeGreaterThan(150).containsKey("io.courier.examples.guide");

        assertThat(PackageHomes.split(ROOT))
                .as("packages whose Java files are in more than one module (expected: one module each;"
                        + " move the classes, or rename the package of one module)")
                .isEmpty();
    }
}
