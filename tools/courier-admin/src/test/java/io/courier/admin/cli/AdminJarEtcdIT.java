package io.courier.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.registry.etcd.EtcdServer;
import io.courier.testkit.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jar ({@code courier-admin-<version>-all.jar}) run as a user runs it, {@code java -jar},
 * on an {@code etcd://} address: a real single-member etcd on free 127.0.0.1 ports ({@link EtcdServer}:
 * skipped without Debian's {@code etcd-server}, failed under {@code CI=true}, where {@code .ci/run}
 * installs it).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AdminJarEtcdIT {

    private static final Path JAR = Path.of(System.getProperty("admin.jar", "target/courier-admin.jar"));

    @TempDir
    Path directory;

    private EtcdServer etcd;
    private String registry;

    @BeforeEach
    void startEtcd() {
        etcd = EtcdServer.start();
        registry = etcd.address();
    }

    @AfterEach
    void stopEtcd() {
        if (etcd != null) {
            etcd.close();
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
}
