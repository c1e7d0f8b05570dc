package io.courier.events.rabbitmq;

import static org.awaitility.Awaitility.await;

import io.courier.testkit.RestartPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code rabbitmq-server} as the test's own node: its own node name, AMQP and distribution
 * ports (free, on 127.0.0.1), an Erlang port mapper (epmd) of its own on a free port, data, logs,
 * cookie and HOME in a temporary directory. {@link #close} stops the node ({@code rabbitmqctl stop}),
 * then that epmd, and deletes the directory: nothing is left running. Without the package the tests
 * are skipped, except under {@code CI=true}, where {@code .ci/run} installs it and they fail instead.
 * Shared through this module's test-jar (rpc-bench's events comparison runs on it).
 */
public final class RabbitServer implements AutoCloseable {

    static final Path BIN = Path.of("/usr/lib/rabbitmq/bin");

    private final Path dir;
    private final int amqpPort;
    private final int epmdPort;
    private final Map<String, String> environment;
    private Process process;

    private RabbitServer(Path dir, int amqpPort, int distPort, int epmdPort) throws IOException {
        this.dir = dir;
        this.amqpPort = amqpPort;
        this.epmdPort = epmdPort;
        Path home = Files.createDirectories(dir.resolve("home"));
        Path cookie = home.resolve(".erlang.cookie");
        Files.writeString(cookie, UUID.randomUUID().toString().replace("-", ""));
        Files.setPosixFilePermissions(cookie, PosixFilePermissions.fromString("r--------"));
        Files.writeString(dir.resolve("enabled_plugins"), "[].");
        this.environment = Map.ofEntries(
                Map.entry("HOME", home.toString()),
                Map.entry("RABBITMQ_NODENAME", "courier-" + amqpPort + "@localhost"),
                Map.entry("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1"),
                Map.entry("RABBITMQ_NODE_PORT", String.valueOf(amqpPort)),
                Map.entry("RABBITMQ_DIST_PORT", String.valueOf(distPort)),
                Map.entry("ERL_EPMD_PORT", String.valueOf(epmdPort)),
                Map.entry("ERL_EPMD_ADDRESS", "127.0.0.1"),
                Map.entry("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}"),
                Map.entry("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString()),
                Map.entry("RABBITMQ_LOG_BASE", dir.resolve("log").toString()),
                Map.entry(
                        "RABBITMQ_ENABLED_PLUGINS_FILE",
                        dir.resolve("enabled_plugins").toString()),
                Map.entry("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq").toString()),
                Map.entry(
                        "RABBITMQ_ADVANCED_CONFIG_FILE",
                        dir.resolve("advanced.config").toString()),
                Map.entry("RABBITMQ_PID_FILE", dir.resolve("pid").toString()));
    }

    /** Starts a fresh node and waits until it accepts AMQP connections (its start takes 5 to 20 s). */
    public static RabbitServer start() {
        requirePackage();
        try {
            RabbitServer server = new RabbitServer(
                    Files.createTempDirectory("courier-rabbitmq-"),
                    RestartPorts.pick(),
                    RestartPorts.pick(),
                    RestartPorts.pick());
            try {
                server.restart();
            } catch (IOException | RuntimeException | Error e) {
                server.close();
                throw e;
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the node (again, on the same ports and data) and waits until it accepts AMQP connections. */
    void restart() throws IOException {
        process = command(BIN.resolve("rabbitmq-server").toString())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("server.log").toFile()))
                .start();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(
                                "rabbitmq-server exited with " + process.exitValue() + "; see " + dir);
                    }
                    return accepts();
                });
    }

    /**
     * Kills the node with SIGKILL: the Erlang VM and its helpers under the start script, then the
     * script; its data stays, and so does its epmd (a daemon, as after a real crash). Returns once each
     * of them is gone and the AMQP port refuses: the script runs the VM in the background, so once the
     * script is gone a VM still exiting is nobody's descendant, and it keeps the port and the node name
     * for a moment; a restart then saw the old node accept, and the new one failed to start.
     */
    void kill() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> tree.stream().noneMatch(ProcessHandle::isAlive) && !accepts());
    }

    private static void requirePackage() {
        if (Files.isExecutable(BIN.resolve("rabbitmq-server"))) {
            return;
        }
        String why = BIN + "/rabbitmq-server is missing: install Debian's rabbitmq-server package"
                + " (apt-get install rabbitmq-server)";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(why + "; CI=true, so the RabbitMQ tests fail rather than skip");
        }
        Assumptions.abort(why);
    }

    /** The node's AMQP URI, with the default user (which RabbitMQ admits from localhost only). */
    public String uri() {
        return "amqp://guest:guest@127.0.0.1:" + amqpPort;
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", amqpPort), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private ProcessBuilder command(String... command) {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return builder;
    }

    private void run(String... command) throws IOException, InterruptedException {
        Process step = command(command)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(dir.resolve("stop.log").toFile()))
                .start();
        if (!step.waitFor(60, TimeUnit.SECONDS)) {
            step.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * The node's connections and queues as {@code rabbitmqctl} lists them, on one line, for a failure
     * message: whether the client is connected again and what each queue holds.
     */
    String state() {
        return list("list_connections", "name", "state", "channels") + " | "
                + list("list_queues", "name", "type", "state", "messages", "messages_unacknowledged", "consumers");
    }

    private String list(String... what) {
        List<String> command =
                new ArrayList<>(List.of(BIN.resolve("rabbitmqctl").toString(), "-q"));
        command.addAll(List.of(what));
        try {
            Process step = command(command.toArray(String[]::new)).start();
            if (!step.waitFor(30, TimeUnit.SECONDS)) {
                step.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                return what[0] + ": no answer within 30 s";
            }
            return what[0] + ": "
                    + new String(step.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                            .strip()
                            .replace('\n', ';');
        } catch (IOException e) {
            return what[0] + ": " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return what[0] + ": interrupted";
        }
    }

    @Override
    public void close() throws IOException {
        // taken first: once the start script is gone, the Erlang VM under it is nobody's child
        List<ProcessHandle> tree = process.descendants().toList();
        try {
            run(BIN.resolve("rabbitmqctl").toString(), "stop");
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            // a node that had not finished booting ignores rabbitmqctl: its VM is killed, not left behind
            tree.forEach(ProcessHandle::destroyForcibly);
            // the node started an epmd of its own (ERL_EPMD_PORT): it outlives the node unless told to go
            run("epmd", "-port", String.valueOf(epmdPort), "-kill");
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }
}
