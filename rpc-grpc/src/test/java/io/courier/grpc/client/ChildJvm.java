package io.courier.grpc.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A test program in a child JVM on this test's class path, its output in {@code target/<logName>.log}. */
final class ChildJvm {

    private ChildJvm() {}

    static Process start(Class<?> main, String logName, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log(logName).toFile())
                .start();
    }

    static Path log(String logName) {
        return Path.of("target", logName + ".log");
    }

    /** What the child has printed so far. */
    static String output(String logName) throws IOException {
        Path log = log(logName);
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
