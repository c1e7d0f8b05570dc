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
 * The size rules of docs/architecture.md ("Rules the build enforces") on every module's main sources: no
 * Java or JavaScript file over 400 lines, no Java method or JavaScript function over 60 lines (a method that
 * long is two), and no package over 30 files (past about thirty a package holds two features). Read from the
 * sources, not the bytecode, because the rule is about what a reader opens.
 */
class SourceSizeTest {

    static final int MAX_LINES = 400;
    static final int MAX_METHOD_LINES = 60;
    static final int MAX_FILES_PER_PACKAGE = 30;

    private static Path root;
    private static List<Path> mainSources;
    private static List<Path> mainScripts;

    @BeforeAll
    static void findMainSources() throws IOException {
        root = Path.of("../..").toAbsolutePath().normalize();
        assertThat(root.resolve("pom.xml")).as("the build's root").exists();
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> all = files.filter(SourceSizeTest::isMainFile).toList();
            mainSources = all.stream()
                    .filter(file -> file.toString().endsWith(".java"))
                    .toList();
            mainScripts =
                    all.stream().filter(file -> file.toString().endsWith(".js")).toList();
        }
        assertThat(mainSources).as("main sources found under %s", root).hasSizeGreaterThan(300);
        assertThat(mainScripts).as("the console's scripts found under %s", root).hasSizeGreaterThan(3);
    }

    @Test
    void noMainFileIsOver400Lines() {
        Map<String, Long> tooLong = new TreeMap<>();
        for (Path file :
                Stream.concat(mainSources.stream(), mainScripts.stream()).toList()) {
            long lines = lines(file);
            String name = relative(file);
            if (lines > MAX_LINES) {
                tooLong.put(name, lines);
            }
        }
        assertThat(tooLong)
                .as("main files over %d lines: split them by job", MAX_LINES)
                .isEmpty();
    }

    @Test
    void noMainMethodIsOver60Lines() throws IOException {
        Map<String, Integer> tooLong = new TreeMap<>();
        for (Path file :
                Stream.concat(mainSources.stream(), mainScripts.stream()).toList()) {
            for (MethodLengths.Method method : MethodLengths.of(Files.readString(file))) {
                if (method.lines() > MAX_METHOD_LINES) {
                    tooLong.put(relative(file) + ":" + method.line() + " " + method.name(), method.lines());
                }
            }
        }
        assertThat(tooLong)
                .as("main methods over %d lines: split them in two", MAX_METHOD_LINES)
                .isEmpty();
    }

    @Test
    void theMethodScan_findsMethodsAndConstructors_notBlocksLambdasOrLiterals() {
        String source = String.join(
                "\n",
                "class A {",
                "    A(int x) throws java.io.IOException {",
                "        if (x > 0) {",
                "            run(() -> {",
                "            });",
                "        }",
                "    }",
                "    <T> java.util.List<T> list(String s) {",
                "        String brace = \"{ // }\"; char c = '}';",
                "        /* } */ new Object() {",
                "            @Override public String toString() {",
                "                return \"}\";",
                "            }",
                "        };",
                "        return null;",
                "    }",
                "    record R(int a) {}",
                "}");

        assertThat(MethodLengths.of(source))
                .containsExactly(
                        new MethodLengths.Method("A", 2, 6),
                        new MethodLengths.Method("toString", 11, 3),
                        new MethodLengths.Method("list", 8, 9));
    }

    @Test
    void theMethodScan_findsJavaScriptFunctions_notTheModuleWrapperOrCallbacks() {
        String script = String.join(
                "\n",
                "(() => {",
                "  function el(tag) {",
                "    return document.createElement(tag);",
                "  }",
                "  async function load(path) {",
                "    const parts = path.split(/[./]/);",
                "    parts.forEach((part) => {",
                "      if (part === '}') { el('b'); }",
                "    });",
                "  }",
                "})();");

        assertThat(MethodLengths.of(script))
                .containsExactly(new MethodLengths.Method("el", 2, 3), new MethodLengths.Method("load", 5, 6));
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

    private static boolean isMainFile(Path file) {
        String path = file.toString().replace('\\', '/');
        // users' projects (user-projects/, courier-bom/check) are written as a user would: not Courier's rules
        return (path.endsWith(".java") && path.contains("/src/main/java/")
                        || path.endsWith(".js") && path.contains("/src/main/"))
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
