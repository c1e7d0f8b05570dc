package io.courier.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The test classes of every module built under the root, for the rules that test code keeps too. The
 * users' projects ({@code user-projects/}, outside Courier's rules) and this module (whose planted classes
 * break the rules on purpose) are left out.
 */
final class TestClasses {

    private static final Path ROOT = Path.of("..", "..");
    private static final int MODULE_DEPTH = 3;

    private TestClasses() {}

    /** The test classes of every module under the root that was built. */
    static JavaClasses ofEveryModule() throws IOException {
        List<Path> directories = testClassDirectories();
        assertThat(directories)
                .as("test class directories under %s", ROOT.toAbsolutePath())
                .isNotEmpty();
        return of(directories);
    }

    /** The classes of the given test class directories. */
    static JavaClasses of(List<Path> directories) {
        return new ClassFileImporter().importPaths(directories);
    }

    /**
     * The {@code target/test-classes} of every module with tests that was built (a module of tests only, such
     * as {@code rpc-it}, when it was); fails on a module whose main classes were built and its tests not, so
     * that the rule cannot pass by reading nothing.
     */
    static List<Path> testClassDirectories() throws IOException {
        try (Stream<Path> modules = Files.walk(ROOT, MODULE_DEPTH)) {
            return modules.filter(module -> Files.isDirectory(module.resolve("src/test/java")))
                    .filter(TestClasses::checked)
                    .filter(module -> {
                        boolean built = Files.isDirectory(module.resolve("target/test-classes"));
                        assertThat(built || !Files.isDirectory(module.resolve("target/classes")))
                                .as("the test classes of %s (build its tests: -DskipTests compiles them)", module)
                                .isTrue();
                        return built;
                    })
                    .map(module -> module.resolve("target/test-classes"))
                    .sorted()
                    .toList();
        }
    }

    private static boolean checked(Path module) {
        String path = ROOT.relativize(module).toString().replace('\\', '/');
        return !path.startsWith("user-projects/") && !path.equals("checks/architecture") && !path.contains("/target");
    }
}
