package io.courier.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which modules of a reactor hold the Java files of each package, read from the sources: the modules are the
 * {@code <module>}s of the root pom (and of theirs, recursively), and a module holds the packages of the
 * directories under its own {@code src/<any>/java} roots, main and test alike. A module that compiles another
 * module's source directory ({@code <sourceDirectory>}) holds no file of it: the file has one home.
 */
final class PackageHomes {

    private static final Pattern MODULE = Pattern.compile("<module>\\s*([^<\\s]+)\\s*</module>");
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);

    private PackageHomes() {}

    /** Every module of the reactor rooted at {@code root}, as a path relative to it. */
    static List<String> modules(Path root) {
        List<String> modules = new ArrayList<>();
        collect(root, root, modules);
        return modules;
    }

    /** Each package with Java files under {@code root}'s modules, and the modules holding them. */
    static Map<String, Set<String>> of(Path root) {
        Map<String, Set<String>> homes = new TreeMap<>();
        for (String module : modules(root)) {
            for (Path sourceRoot : sourceRoots(root.resolve(module))) {
                for (String pkg : packages(sourceRoot)) {
                    homes.computeIfAbsent(pkg, p -> new TreeSet<>()).add(module);
                }
            }
        }
        return homes;
    }

    /** The packages of {@code root}'s reactor held by more than one module. */
    static Map<String, Set<String>> split(Path root) {
        Map<String, Set<String>> split = new TreeMap<>(of(root));
        split.values().removeIf(modules -> modules.size() < 2);
        return split;
    }

    private static void collect(Path root, Path module, List<String> modules) {
        Path pom = module.resolve("pom.xml");
        if (!Files.isRegularFile(pom)) {
            return;
        }
        Matcher declared = MODULE.matcher(COMMENT.matcher(read(pom)).replaceAll(""));
        while (declared.find()) {
            Path child = module.resolve(declared.group(1)).normalize();
            modules.add(root.relativize(child).toString().replace('\\', '/'));
            collect(root, child, modules);
        }
    }

    /** {@code src/main/java}, {@code src/test/java} and any other {@code src/<name>/java} of the module. */
    private static List<Path> sourceRoots(Path module) {
        Path src = module.resolve("src");
        if (!Files.isDirectory(src)) {
            return List.of();
        }
        try (Stream<Path> kinds = Files.list(src)) {
            return kinds.map(kind -> kind.resolve("java"))
                    .filter(Files::isDirectory)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> packages(Path sourceRoot) {
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            Set<String> packages = new TreeSet<>();
            files.filter(file -> file.toString().endsWith(".java"))
                    .map(file -> sourceRoot.relativize(file.getParent()).toString())
                    .forEach(directory ->
                            packages.add(directory.replace('\\', '/').replace('/', '.')));
            return packages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
