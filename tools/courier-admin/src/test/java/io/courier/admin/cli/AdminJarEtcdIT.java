package io.courier.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.testkit.ChildJvm;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar ({@code courier-admin-<version>-all.jar}) run as a user runs it, {@code java -jar},
 * on an {@code etcd://} address: a real single-member etcd (Debian's {@code etcd-server}, {@value
 * #ETCD}) on free 127.0.0.1 ports. Skipped without etcd, failed under {@code CI=true}, where {@code
 * .ci/run} installs it.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AdminJarEtcdIT {

    private static final Path JAR = Path.of(System.getProperty("admin.jar", "target/courier-admin.jar"));
    private static final String ETCD = "/usr/bin/etcd";

    @TempDir
    Path directory;

    private Process etcd;
    private String registry;

    @BeforeEach
    void startEtcd() throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(ETCD))) {
            String why = ETCD + " is missing: install Debian's etcd-server package (apt-get install etcd-server)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(why + "; CI=true, so this test fails rather than skips");
            }
            Assumptions.abort(why);
        }
        int clientPort = freePort();
        String client = "http://127.0.0.1:" + clientPort;
        String peer = "http://127.0.0.1:" + freePort();
        etcd = new ProcessBuilder(List.of(
                        ETCD,
                        "--name",
                        "courier-admin-test",
                        "--data-dir",
                        directory.resolve("etcd").toString(),
                        "--listen-client-urls",
                        client,
                        "--advertise-client-urls",
                        client,
                        "--listen-peer-urls",
                        peer,
                        "--initial-advertise-peer-urls",
                        peer,
                        "--initial-cluster",
                        "courier-admin-test=" + peer,
                        "--log-level",
                        "warn"))
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("etcd.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!accepts(clientPort)) {
            assertThat(etcd.isAlive())
                    .as("etcd exited; see %s", directory.resolve("etcd.log"))
                    .isTrue();
            assertThat(System.nanoTime()).as("etcd listening within 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
        registry = "etcd://127.0.0.1:" + clientPort;
    }

    @AfterEach
    void stopEtcd() throws InterruptedException {
        if (etcd != null) {
            etcd.destroy();
            if (!etcd.waitFor(10, TimeUnit.SECONDS)) {
                etcd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void runnableJar_readsAndWritesConfiguration_onEtcd() throws Exception {
        String scope = "service:shop/io.shop.Inventory:1.0";
        Path document = Files.writeString(directory.resolve("inventory.yaml"), "version: 1\ntimeoutMillis: 800\n");

        assertThat(run(
                        "--registry",
                        registry,
                        "--env",
                        "staging",
                        "--author",
                        "alice",
                        "config",
                        "set",
                        scope,
                        document.toString()))
                .containsExactly("version 1 of " + scope + " written in environment staging");
        assertThat(run("--registry", registry, "--env", "staging", "config", "get", scope))
                .containsExactly("version: 1", "timeoutMillis: 800");
        assertThat(run("--registry", registry, "--env", "staging", "services")).isEmpty();
    }

    /** The command's output lines, after its exit status 0; the JVM's own warnings are checked apart. */
    private List<String> run(String... arguments) throws InterruptedException {
        try (ChildJvm admin = ChildJvm.startJar(JAR, arguments)) {
            assertThat(admin.awaitExit(Duration.ofSeconds(60)))
                    .as(admin.output())
                    .hasValue(0);
            List<String> lines = admin.lines();
            // On Java 24+ the JVM names the first caller of sun.misc.Unsafe's memory access; the
            // etcd client's protobuf-java has no switch to avoid it (docs/operations.md), anything
            // else (Netty's, native access) would be a regression.
            assertThat(lines.stream().filter(line -> line.startsWith("WARNING:")))
                    .as(admin.output())
                    .allMatch(line -> line.contains("terminally deprecated method in sun.misc.Unsafe")
                            || line.contains("com.google.protobuf")
                            || line.endsWith("will be removed in a future release"));
            return lines.stream().filter(line -> !line.startsWith("WARNING:")).toList();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
