package io.courier.dubbo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs a program of stock Apache Dubbo in a child JVM whose class path is Dubbo's and none of Courier's:
 * the test dependencies Maven listed in {@code target/dubbo-classpath.txt}, less Courier's modules and
 * Courier's hessian-lite (Dubbo brings its own, in the same packages), plus the test classes.
 */
final class DubboJvm {

    private static final Path TARGET = Path.of("target");

    private DubboJvm() {}

    /** Starts {@code main} with {@code args}; its output goes to {@code target/<logName>.log}. */
    static Process start(Class<?> main, String logName, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-XX:+UseSerialGC");
        command.add("-Dlogback.configurationFile="
                + TARGET.resolve("test-classes/dubbo-child-logback.xml").toAbsolutePath());
        command.add("-cp");
        command.add(classpath());
        command.add(main.getName());
        command.addAll(Arrays.asList(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(TARGET.resolve(logName + ".log").toFile())
                .start();
    }

    /** Runs {@code main} to its end (at most {@code seconds}) and returns its {@code RESULT} lines. */
    static List<String> run(Class<?> main, String logName, long seconds, String... args) throws Exception {
        Process process = start(main, logName, args);
        try {
            boolean done = process.waitFor(seconds, TimeUnit.SECONDS);
            String output = Files.readString(TARGET.resolve(logName + ".log"), StandardCharsets.UTF_8);
            assertThat(done)
                    .as("%s finished within %d s:%n%s", main.getSimpleName(), seconds, tail(output))
                    .isTrue();
            assertThat(process.exitValue())
                    .as("exit of %s:%n%s", main.getSimpleName(), tail(output))
                    .isZero();
            return output.lines().filter(line -> line.startsWith("RESULT ")).toList();
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** A port free on this machine now, as text, for a child's command line. */
    static String freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return Integer.toString(socket.getLocalPort());
        }
    }

    /** The lines {@code target/<logName>.log} holds so far. */
    static List<String> lines(String logName) throws IOException {
        Path log = TARGET.resolve(logName + ".log");
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    private static String tail(String output) {
        return output.length() <= 6_000 ? output : output.substring(output.length() - 6_000);
    }

    private static String classpath() throws IOException {
        String listed = Files.readString(TARGET.resolve("dubbo-classpath.txt"), StandardCharsets.UTF_8)
                .strip();
        String dubbo = Arrays.stream(listed.split(File.pathSeparator))
                .filter(entry -> {
                    String path = entry.replace(File.separatorChar, '/');
                    return !path.contains("/com/alibaba/hessian-lite/")
                            && !path.contains("/io/courier/")
                            && !path.endsWith("/target/classes")
                            && !path.endsWith("/target/test-classes");
                })
                .collect(Collectors.joining(File.pathSeparator));
        return TARGET.resolve("test-classes").toAbsolutePath() + File.pathSeparator + dubbo;
    }
}
