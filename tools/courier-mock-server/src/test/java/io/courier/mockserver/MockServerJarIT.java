package io.courier.mockserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.bootstrap.Courier;
import io.courier.examples.guide.User;
import io.courier.examples.guide.UserService;
import io.courier.registry.zookeeper.EmbeddedZooKeeper;
import io.courier.testkit.ChildJvm;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attached runnable jar ({@code courier-mock-server-<version>-all.jar}) run as a user runs it,
 * {@code java -jar}, with the shop demo's interfaces given by {@code --class-path}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MockServerJarIT {

    private static final Path JAR = Path.of(System.getProperty("mock.server.jar", "target/courier-mock-server.jar"));

    @TempDir
    Path directory;

    @Test
    void runnableJar_servesTheStubs_toAConsumerOfItsRegistry() throws Exception {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo(Main.class.getName());
        }
        try (EmbeddedZooKeeper zooKeeper = EmbeddedZooKeeper.start()) {
            String registry = "zookeeper://" + zooKeeper.connectString();
            try (ChildJvm server = ChildJvm.startJar(
                            JAR, "--class-path", demoClasses(), "--stubs", stub("users.json"), "--registry", registry);
                    Courier shop = Courier.builder()
                            .application("shop")
                            .registry(registry)
                            .shutdownHook(false)
                            .start()) {
                assertThat(server.awaitLine(
                                line -> line.contains("Mock server serving 1 service(s)"), Duration.ofSeconds(60)))
                        .as(server.output())
                        .isTrue();
                User ada = shop.reference(UserService.class).find(1);

                assertThat(ada.name()).isEqualTo("Ada");
                server.terminate();
                assertThat(server.awaitExit(Duration.ofSeconds(30)))
                        .as(server.output())
                        .isNotEmpty();
            }
        }
    }

    @Test
    void unreachableRegistry_stopsTheServerAtOnce_namingTheAddress_withoutStackTraces() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String registry = "zookeeper://127.0.0.1:" + closedPort;
        long start = System.nanoTime();
        try (ChildJvm server = ChildJvm.startJar(
                JAR, "--class-path", demoClasses(), "--stubs", stub("users.json"), "--registry", registry)) {
            OptionalInt exit = server.awaitExit(Duration.ofSeconds(60));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(exit).as(server.output()).hasValue(1);
            assertThat(took)
                    .as("the start waits 5 s for the registry, then gives up")
                    .isLessThan(Duration.ofSeconds(40));
            assertThat(server.lines())
                    .as(server.output())
                    .anyMatch(line -> line.contains("ERROR")
                            && line.contains("registry " + registry + " could not be reached within 5000 ms"))
                    .noneMatch(line -> line.contains("Mock server serving"))
                    .noneMatch(line -> line.startsWith("\tat ") || line.startsWith("Caused by"));
            assertThat(server.lines()).as(server.output()).hasSizeLessThan(25);
        }
    }

    private String stub(String name) throws IOException {
        Path file = directory.resolve(name);
        try (InputStream in = MockServerJarIT.class.getResourceAsStream("/stubs/" + name)) {
            Files.copy(in, file);
        }
        return file.toString();
    }

    /** Where the shop demo's interfaces are: its classes directory or jar, as a user's API jar. */
    private static String demoClasses() throws URISyntaxException {
        return Path.of(UserService.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
    }
}
