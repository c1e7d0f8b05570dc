package io.courier.events.nats;

import static org.awaitility.Awaitility.await;

import io.courier.testkit.RestartPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code nats-server} with JetStream, on a free 127.0.0.1 port, its store in a temporary
 * directory, in a process of its own: started by a test class, stopped and deleted by it. Without
 * the binary the tests are skipped, except under {@code CI=true}, where {@code .ci/run} installs it and
 * they fail instead: CI must not go green on tests that did not run. Shared through this module's
 * test-jar (rpc-observability's trace test publishes an event on it).
 */
public final class NatsServer implements AutoCloseable {

    static final String BINARY = "/usr/sbin/nats-server";

    private final Path dir;
    private final int port;
    private final String name;
    private final List<String> clustering;
    private Process process;

    private NatsServer(Path dir, int port, String name, List<String> clustering) {
        this.dir = dir;
        this.port = port;
        this.name = name;
        this.clustering = clustering;
    }

    /** Starts a fresh server and waits until it accepts connections. */
    public static NatsServer start() {
        requireBinary();
        try {
            NatsServer server = new NatsServer(
                    Files.createTempDirectory("courier-nats-"), RestartPorts.pick(), "courier-test", List.of());
            server.restart();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts {@code size} servers routed to each other as one JetStream cluster, each with a store of
     * its own, and waits until each accepts connections (the cluster elects its JetStream leader after).
     */
    static List<NatsServer> cluster(int size) throws IOException {
        requireBinary();
        List<Integer> routePorts = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            routePorts.add(RestartPorts.pick());
        }
        String routes =
                routePorts.stream().map(port -> "nats://127.0.0.1:" + port).collect(Collectors.joining(","));
        List<NatsServer> servers = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            servers.add(new NatsServer(
                    Files.createTempDirectory("courier-nats-n" + (i + 1) + "-"),
                    RestartPorts.pick(),
                    "n" + (i + 1),
                    List.of(
                            "--cluster_name",
                            "courier",
                            "--cluster",
                            "nats://127.0.0.1:" + routePorts.get(i),
                            "--routes",
                            routes)));
        }
        for (NatsServer server : servers) {
            server.restart();
        }
        return servers;
    }

    private static void requireBinary() {
        if (Files.isExecutable(Path.of(BINARY))) {
            return;
        }
        String why = BINARY + " is missing: install Debian's nats-server package (apt-get install nats-server)";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(why + "; CI=true, so the NATS tests fail rather than skip");
        }
        Assumptions.abort(why);
    }

    /** {@code nats://127.0.0.1:<port>}. */
    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** Starts the server again on the same port and store (no-op if it runs). */
    void restart() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(
                BINARY,
                "-js",
                "-a",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
                "-sd",
                dir.resolve("store").toString(),
                "-n",
                name));
        command.addAll(clustering);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(dir.resolve("nats.log").toFile()))
                .start();
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(
                                "nats-server exited with " + process.exitValue() + "; see " + dir);
                    }
                    return accepts();
                });
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Kills the server (SIGKILL), keeping its store. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }
}
