package io.courier.it;

import static org.awaitility.Awaitility.await;

import io.courier.testkit.RestartPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real etcd cluster of one or more members (Debian's {@code etcd-server}, {@value #BINARY}) on free
 * 127.0.0.1 ports, each member a process with its data and log under the scenario's directory.
 * Members can be killed (SIGKILL), stopped and started again on their data. Without the binary the
 * test is skipped on a developer's machine and fails under {@code CI=true}, where {@code .ci/run}
 * installs the package. {@link #close()} kills every member still running.
 */
final class EtcdCluster implements AutoCloseable {

    static final String BINARY = "/usr/bin/etcd";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern MEMBER_ID = Pattern.compile("\"member_id\":\"(\\d+)\"");
    private static final Pattern LEADER = Pattern.compile("\"leader\":\"(\\d+)\"");

    private final Path directory;
    private final int[] clientPorts;
    private final int[] peerPorts;
    private final Process[] processes;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private EtcdCluster(Path directory, int members) throws IOException {
        this.directory = directory;
        this.clientPorts = new int[members];
        this.peerPorts = new int[members];
        this.processes = new Process[members];
        // a member killed and started again binds the same ports: ones outside the ephemeral range
        for (int i = 0; i < members; i++) {
            clientPorts[i] = RestartPorts.pick();
            peerPorts[i] = RestartPorts.pick();
        }
    }

    /** Starts {@code members} members under {@code directory} and waits until every one is healthy. */
    static EtcdCluster start(Path directory, int members) {
        if (!Files.isExecutable(Path.of(BINARY))) {
            String why = BINARY + " is missing: install Debian's etcd-server package (apt-get install etcd-server)";
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail(why + "; CI=true, so the etcd scenarios fail rather than skip");
            }
            Assumptions.abort(why);
        }
        EtcdCluster cluster;
        try {
            Files.createDirectories(directory);
            cluster = new EtcdCluster(directory, members);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            for (int i = 0; i < members; i++) {
                cluster.launch(i, "new");
            }
            for (int i = 0; i < members; i++) {
                cluster.awaitHealthy(i);
            }
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    int size() {
        return processes.length;
    }

    /** {@code etcd://127.0.0.1:<client port>,...}: every member, as the registry must be given them. */
    String address() {
        List<String> members = new ArrayList<>();
        for (int port : clientPorts) {
            members.add("127.0.0.1:" + port);
        }
        return "etcd://" + String.join(",", members);
    }

    /** The index of the member that leads, asked of the running members; -1 if none knows one. */
    int leader() {
        for (int i = 0; i < size(); i++) {
            if (!isRunning(i)) {
                continue;
            }
            String status = status(i);
            Matcher leader = LEADER.matcher(status == null ? "" : status);
            if (leader.find()) {
                for (int j = 0; j < size(); j++) {
                    String own = isRunning(j) ? status(j) : null;
                    Matcher id = MEMBER_ID.matcher(own == null ? "" : own);
                    if (id.find() && id.group(1).equals(leader.group(1))) {
                        return j;
                    }
                }
            }
        }
        return -1;
    }

    boolean isRunning(int member) {
        return processes[member] != null && processes[member].isAlive();
    }

    /** Kills the member with SIGKILL, as a crashed machine would stop it; its data stays. */
    void kill(int member) {
        Process process = processes[member];
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a killed member again on its data and ports (it rejoins the cluster). */
    void restart(int member) {
        if (!isRunning(member)) {
            launch(member, "existing");
        }
    }

    /** Whether every member answers {@code /health} with {@code true} (it has a leader and a quorum). */
    boolean healthy() {
        for (int i = 0; i < size(); i++) {
            if (!healthy(i)) {
                return false;
            }
        }
        return true;
    }

    void awaitHealthy(int member) {
        await("etcd member " + member + " healthy")
                .atMost(START_TIMEOUT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!isRunning(member)) {
                        throw new IllegalStateException("etcd member " + member + " exited; see " + directory);
                    }
                    return healthy(member);
                });
    }

    private void launch(int member, String state) {
        String initialCluster = java.util.stream.IntStream.range(0, size())
                .mapToObj(i -> name(i) + "=" + peerUrl(i))
                .collect(Collectors.joining(","));
        String client = "http://127.0.0.1:" + clientPorts[member];
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        BINARY,
                        "--name",
                        name(member),
                        "--data-dir",
                        directory.resolve(name(member)).toString(),
                        "--listen-client-urls",
                        client,
                        "--advertise-client-urls",
                        client,
                        "--listen-peer-urls",
                        peerUrl(member),
                        "--initial-advertise-peer-urls",
                        peerUrl(member),
                        "--initial-cluster",
                        initialCluster,
                        "--initial-cluster-state",
                        state,
                        // raw registrations are written 1,000 per transaction (default: 128)
                        "--max-txn-ops",
                        "1000",
                        "--initial-cluster-token",
                        "courier-it",
                        "--logger",
                        "zap",
                        "--log-level",
                        "warn"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        directory.resolve(name(member) + ".log").toFile()));
        try {
            processes[member] = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String name(int member) {
        return "etcd" + member;
    }

    private String peerUrl(int member) {
        return "http://127.0.0.1:" + peerPorts[member];
    }

    private boolean healthy(int member) {
        String body = post(member, "/health", null);
        return body != null && body.contains("\"health\":\"true\"");
    }

    private String status(int member) {
        return post(member, "/v3/maintenance/status", "{}");
    }

    /** GET (body null) or POST to the member's client URL; null when it does not answer 200. */
    private String post(int member, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + clientPorts[member] + path))
                .timeout(Duration.ofSeconds(1));
        if (body != null) {
            request.POST(HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < size(); i++) {
            kill(i);
        }
    }
}
