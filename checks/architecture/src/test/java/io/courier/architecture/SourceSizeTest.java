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

    /**
     * The packages over the limit today, each at its size today as a ceiling it may not pass. Like the
     * friends of {@link ModuleRules}, a list meant to shrink: each goes when its package is split by job.
     */
    static final Map<String, Integer> OVERSIZED_PACKAGES = Map.of(
            "rpc-bootstrap/src/main/java/io/courier/bootstrap", 58,
            "rpc-transport/src/main/java/io/courier/transport/internal", 45);

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
    void noMainPackageIsOver30Files_butTheListedOnes_andThoseDoNotGrow() {
        Map<String, Long> files = mainSources.stream()
                .collect(
                        Collectors.groupingBy(file -> relative(file.getParent()), TreeMap::new, Collectors.counting()));
        Map<String, Long> over = new TreeMap<>();
        files.forEach((pkg, count) -> {
            int ceiling = OVERSIZED_PACKAGES.getOrDefault(pkg, MAX_FILES_PER_PACKAGE);
            if (count > ceiling) {
                over.put(pkg, count);
            }
        });
        assertThat(over)
                .as(
                        "main packages over %d files (or over their listed size): split them by feature",
                        MAX_FILES_PER_PACKAGE)
                .isEmpty();
        assertThat(OVERSIZED_PACKAGES.keySet())
                .as("listed oversized packages that still exist (remove an entry once its package is split)")
                .allSatisfy(pkg -> assertThat(files.getOrDefault(pkg, 0L)).isGreaterThan(MAX_FILES_PER_PACKAGE));
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
