package io.courier.observability;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Prometheus tools ({@code prometheus}, {@code promtool}, {@code prometheus-alertmanager}):
 * a test that needs one is skipped where it is not installed, and fails under {@code CI=true}, where
 * {@code .ci/run} installs the packages.
 */
final class DebianTools {

    static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    static final Path ALERTMANAGER = Path.of("/usr/bin/prometheus-alertmanager");

    /** The product's Prometheus files, from this module's directory. */
    static final Path RULES_DIR = Path.of("..", "deploy", "observability", "prometheus");

    private DebianTools() {}

    /** {@code binary}, or the test aborted (failed under CI) naming the package to install. */
    static Path require(Path binary, String debianPackage) {
        if (Files.isExecutable(binary)) {
            return binary;
        }
        String why = binary + " is missing: install Debian's " + debianPackage + " package (apt-get install "
                + debianPackage + ")";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(why + "; CI=true, so this test fails rather than skips");
        }
        Assumptions.abort(why);
        return binary;
    }

    record Result(int exitCode, String output) {}

    /** Runs {@code command} in {@code directory} to its end (at most 60 s), output and errors together. */
    static Result run(Path directory, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(List.of(command))
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
        }
        return new Result(process.exitValue(), output.join());
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
