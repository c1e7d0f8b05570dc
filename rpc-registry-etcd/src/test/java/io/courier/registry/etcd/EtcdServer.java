package io.courier.registry.etcd;

import static org.awaitility.Awaitility.await;

import io.courier.testkit.RestartPorts;
import io.etcd.jetcd.Client;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real single-member etcd (Debian's {@code etcd-server}, {@value #BINARY}) on 127.0.0.1, on free
 * ports and a temporary data directory, for tests. {@link #close()} stops it and deletes the
 * directory. Without the binary, {@link #start()} skips the test on a developer's machine and fails
 * it under {@code CI=true}, where {@code .ci/run} installs the package. Public for the tools' tests
 * on {@code etcd://} (the test-jar).
 */
public final class EtcdServer implements AutoCloseable {

    static final String BINARY = "/usr/bin/etcd";
    private static final String MEMORY = "/dev/shm";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path dataDir;
    private final int clientPort;
    private final int peerPort;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private Process process;

    private EtcdServer(Path dataDir, int clientPort, int peerPort) {
        this.dataDir = dataDir;
        this.clientPort = clientPort;
        this.peerPort = peerPort;
    }

    /** Starts a fresh etcd and waits until it is healthy. */
    public static EtcdServer start() {
        requireBinary(Path.of(BINARY), System.getenv("CI"));
        EtcdServer server;
        try {
            // restart() binds the same ports: ones outside the ephemeral range
            server = new EtcdServer(dataDirectory(), RestartPorts.pick(), RestartPorts.pick());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            server.restart();
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * A temporary directory in memory ({@value #MEMORY}) where there is one, else in the default
     * temporary directory: etcd syncs its log to disk on every write, which on a shared CI disk costs
     * tens of milliseconds a write, and a test's data need not survive the machine.
     */
    private static Path dataDirectory() throws IOException {
        Path memory = Path.of(MEMORY);
        return Files.isDirectory(memory) && Files.isWritable(memory)
                ? Files.createTempDirectory(memory, "courier-etcd-")
                : Files.createTempDirectory("courier-etcd-");
    }

    /**
     * Returns if {@code binary} can run; otherwise aborts the test (skipped), or fails it when {@code
     * ci} is {@code true}: CI must not go green on tests that did not run.
     */
    static void requireBinary(Path binary, String ci) {
        if (Files.isExecutable(binary)) {
            return;
        }
        String why = binary + " is missing: install Debian's etcd-server package (apt-get install etcd-server)";
        if ("true".equals(ci)) {
            Assertions.fail(why + "; CI=true, so the etcd tests fail rather than skip");
        }
        Assumptions.abort(why);
    }

    /** {@code etcd://127.0.0.1:<client port>}, the registry address. */
    public String address() {
        return "etcd://127.0.0.1:" + clientPort;
    }

    /** A plain jetcd client of this member, for a test to look at or change keys; the caller closes it. */
    Client client() {
        return Client.builder().endpoints("http://127.0.0.1:" + clientPort).build();
    }

    /** Starts the member again on the same ports and data (no-op if it runs) and waits until it is healthy. */
    void restart() {
        if (process != null && process.isAlive()) {
            return;
        }
        String client = "http://127.0.0.1:" + clientPort;
        String peer = "http://127.0.0.1:" + peerPort;
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        BINARY,
                        "--name",
                        "courier-test",
                        "--data-dir",
                        dataDir.resolve("data").toString(),
                        "--listen-client-urls",
                        client,
                        "--advertise-client-urls",
                        client,
                        "--listen-peer-urls",
                        peer,
                        "--initial-advertise-peer-urls",
                        peer,
                        "--initial-cluster",
                        "courier-test=" + peer,
                        "--initial-cluster-state",
                        "new",
                        // the registry contracts write 1,000 registrations per transaction (default: 128)
                        "--max-txn-ops",
                        "1000",
                        "--logger",
                        "zap",
                        "--log-level",
                        "warn"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dataDir.resolve("etcd.log").toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("etcd exited with " + process.exitValue() + "; see " + dataDir);
            }
            return healthy();
        });
    }

    /** Stops the member (SIGTERM, then SIGKILL after 10 s), keeping its data. */
    void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Freezes the member (SIGSTOP): its connections stay open and silent, as behind a partition that
     * drops every byte. {@link #resume()} undoes it.
     */
    void pause() {
        signal("STOP");
    }

    /** Lets a {@link #pause() paused} member run again (SIGCONT). */
    void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid()))
                    .redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling etcd", e);
        }
    }

    private boolean healthy() {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + clientPort + "/health"))
                            .timeout(Duration.ofSeconds(1))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"health\":\"true\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is not worth failing a test for
        }
    }
}
