package io.courier.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A client we did not write (kcat, Python with a Debian module, Node with an npm package), run as a
 * process with a bounded time. Tests that need one skip (JUnit assumption) on a machine without it,
 * except under CI ({@code CI=true}), where its absence fails them: {@code .ci/run} installs it.
 */
public final class StockClient {

    /** Debian's Python, which has the Debian modules (a pyenv one earlier on the PATH may not). */
    public static final String PYTHON = "/usr/bin/python3";

    private StockClient() {}

    /** Skips (or under CI fails) the calling test unless {@code program} is an executable file. */
    public static void requireProgram(String program, String debianPackage) {
        require(Files.isExecutable(Path.of(program)), program, debianPackage);
    }

    /** Skips (or under CI fails) the calling test unless {@link #PYTHON} imports {@code module}. */
    public static void requirePythonModule(String module, String debianPackage) {
        requireProgram(PYTHON, "python3");
        boolean present;
        try {
            present = run(List.of(PYTHON, "-c", "import " + module), null, Duration.ofSeconds(30))
                            .exitCode()
                    == 0;
        } catch (IOException e) {
            present = false;
        }
        require(present, "Python's " + module, debianPackage);
    }

    private static void require(boolean present, String what, String debianPackage) {
        if (!present) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(
                        "CI=true but " + what + " is not installed (apt-get install " + debianPackage + ")");
            }
            Assumptions.abort(what + " is not installed (apt-get install " + debianPackage + ")");
        }
    }

    /** What a finished run printed (standard output and error apart) and its exit code. */
    public record Result(int exitCode, String output, String errors) {

        /** The output, if the run exited with 0. */
        public String outputIfSucceeded() {
            if (exitCode != 0) {
                throw new AssertionError("exit code " + exitCode + "; output: " + output + "; errors: " + errors);
            }
            return output;
        }
    }

    /**
     * Runs {@code command} with {@code input} (or nothing) on its standard input; a run longer than
     * {@code timeout} is killed, with its children, and fails.
     */
    public static Result run(List<String> command, String input, Duration timeout) throws IOException {
        return run(command, input, timeout, null);
    }

    /** As {@link #run(List, String, Duration)}, in directory {@code directory} ({@code null}: the current one). */
    public static Result run(List<String> command, String input, Duration timeout, Path directory) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Process process = builder.start();
        CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAll(process, false));
        CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readAll(process, true));
        try (OutputStream stdin = process.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(command.get(0) + " did not end within " + timeout);
            }
            return new Result(
                    process.exitValue(),
                    new String(output.join(), StandardCharsets.UTF_8),
                    new String(errors.join(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + command.get(0) + " ran", e);
        }
    }

    private static byte[] readAll(Process process, boolean errors) {
        try {
            return (errors ? process.getErrorStream() : process.getInputStream()).readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
