package io.courier.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The size rules of docs/architecture.md ("Rules the build enforces") on every module's main sources: no file over 500 lines (split at 500), and no
 * package over 30 files (past about thirty a package holds two features). Read from the sources, not the
 * bytecode, because the rule is about what a reader opens.
 */
class SourceSizeTest {

    static final int MAX_LINES = 500;
    static final int MAX_FILES_PER_PACKAGE = 30;

    private static Path root;
    private static List<Path> mainSources;

    @BeforeAll
    static void findMainSources() throws IOException {
        root = Path.of("../..").toAbsolutePath().normalize();
        assertThat(root.resolve("pom.xml")).as("the build's root").exists();
        try (Stream<Path> files = Files.walk(root)) {
            mainSources = files.filter(SourceSizeTest::isMainSource).toList();
        }
        assertThat(mainSources).as("main sources found under %s", root).hasSizeGreaterThan(300);
    }

    @Test
    void noMainFileIsOver500Lines() {
        Map<String, Long> tooLong = new TreeMap<>();
        for (Path file : mainSources) {
            long lines = lines(file);
            if (lines > MAX_LINES) {
                tooLong.put(relative(file), lines);
            }
        }
        assertThat(tooLong)
                .as("main files over %d lines: split them by job", MAX_LINES)
                .isEmpty();
    }

    @Test
    void noMainPackageIsOver30Files() {
        Map<String, Long> files = mainSources.stream()
                .collect(
                        Collectors.groupingBy(file -> relative(file.getParent()), TreeMap::new, Collectors.counting()));
        Map<String, Long> over = new TreeMap<>();
        files.forEach((pkg, count) -> {
            if (count > MAX_FILES_PER_PACKAGE) {
                over.put(pkg, count);
            }
        });
        assertThat(over)
                .as("main packages over %d files: split them by feature", MAX_FILES_PER_PACKAGE)
                .isEmpty();
    }

    private static boolean isMainSource(Path file) {
        String path = file.toString().replace('\\', '/');
        // users' projects (user-projects/, courier-bom/check) are written as a user would: not Courier's rules
        return path.endsWith(".java")
                && path.contains("/src/main/java/")
                && !path.contains("/target/")
                && !path.contains("/user-projects/")
                && !path.contains("/node_modules/");
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String relative(Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }
}
