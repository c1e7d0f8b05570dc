package com.example.users;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the mock server exactly as docs/testing.md shows, on this project's API:
 * {@code java -jar courier-mock-server-<version>-all.jar --class-path target/classes --stubs users.json}.
 * On 82afa0d the Maven repository had no such jar (the copy fails), and its plain jar had no main class.
 */
class MockServerJarTest {

    private static final Path JAR = Path.of(System.getProperty("mock.server.jar"));

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void theRunnableJarFromTheRepository_servesThisApisStubs() throws Exception {
        assertTrue(Files.isRegularFile(JAR), JAR + " (expected: copied from the Maven repository)");
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertEquals(
                    "io.courier.mockserver.Main", jar.getManifest().getMainAttributes().getValue("Main-Class"));
        }
        Process server = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar", JAR.toString(),
                        "--class-path", Path.of("target", "classes").toString(),
                        "--stubs", "users.json",
                        "--registry", "embedded")
                .redirectErrorStream(true)
                .start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            // bounded by the test's timeout; the server prints this line once it serves
            while ((line = out.readLine()) != null) {
                lines.add(line);
                if (line.contains("Mock server serving 1 service(s)")) {
                    break;
                }
            }
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
        assertTrue(
                lines.stream().anyMatch(line -> line.contains("Loaded users.json: 2 stub(s) of com.example.users.UserService")),
                String.join("\n", lines));
        assertTrue(lines.stream().anyMatch(line -> line.contains("Mock server serving 1 service(s)")), String.join("\n", lines));
    }
}
