package io.courier.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo image runs as a container runtime would run it, without one: its layers unpacked into a
 * directory that becomes the process's root ({@code chroot}), in a mount namespace of its own with
 * {@code /proc} ({@code unshare}), as the image's user, with the image's environment, entrypoint and
 * the variables a Deployment gives. Nothing of this machine's Java or libraries is used. The user
 * service answers its probes, and on SIGTERM drains and exits within Courier's drain.
 *
 * <p>Needs root and util-linux's {@code unshare} and coreutils' {@code chroot}, as CI has: skipped
 * elsewhere, failed under {@code CI=true}.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class DemoImageRunTest {

    private static final long DRAIN_MILLIS = 3_000;
    /** Runs as sh's $0 (the root) and $1 (the user), then the entrypoint and its arguments. */
    private static final String IN_THE_IMAGE = "mkdir -p \"$0/proc\" && mount -t proc proc \"$0/proc\""
            + " && user=$1 && shift && exec chroot --userspec=\"$user\" \"$0\" \"$@\"";

    @TempDir
    Path work;

    @Test
    void userService_fromTheImage_answersItsProbes_asTheImagesUser_andDrainsOnSigterm() throws Exception {
        requireRootWithUnshareAndChroot();
        ImageTarball image = ImageTarball.read(ImageTarball.of("demo"), path -> true);
        Path root = work.resolve("root");
        image.extractTo(root);
        int admin = freePort();

        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "--fork", "sh", "-c", IN_THE_IMAGE));
        command.add(root.toString());
        command.add(image.user());
        command.addAll(image.entrypoint());
        command.add("user");
        Path log = work.resolve("container.log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(image.environment());
        env.put("HOSTNAME", "user-service-0");
        env.put("COURIER_ADMIN_HOST", "127.0.0.1");
        env.put("COURIER_ADMIN_PORT", Integer.toString(admin));
        env.put("COURIER_SERVER_HOST", "127.0.0.1");
        env.put("COURIER_SERVER_PORT", "0");
        env.put("COURIER_SHUTDOWN_TIMEOUT_MILLIS", Long.toString(DRAIN_MILLIS));
        Process container = builder.start();
        try {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            String base = "http://127.0.0.1:" + admin;
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(250))
                    .failFast("the container exited", () -> !container.isAlive())
                    .until(() -> status(http, base + ManifestRules.READY) == 200);
            assertThat(status(http, base + ManifestRules.LIVE)).isEqualTo(200);

            ProcessHandle java = container
                    .descendants()
                    .filter(process -> process.children().findAny().isEmpty())
                    .findFirst()
                    .orElseThrow();
            assertThat(uid(java)).as("the JVM's user").isEqualTo(Long.toString(ManifestRules.IMAGE_USER));
            long sigterm = System.nanoTime();
            assertThat(java.destroy()).as("SIGTERM sent").isTrue();
            assertThat(container.waitFor(DRAIN_MILLIS + 10_000, TimeUnit.MILLISECONDS))
                    .as("exited within the drain and 10 s")
                    .isTrue();
            long stoppedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sigterm);
            assertThat(container.exitValue()).as("the JVM's exit on SIGTERM").isEqualTo(143);
            assertThat(Files.readString(log))
                    .contains("user-service user-service-0 started")
                    .contains("Courier application 'user-service' closed")
                    .doesNotContain("Exception");
            assertThat(stoppedMillis).isLessThan(DRAIN_MILLIS + 10_000);
        } finally {
            container.descendants().forEach(ProcessHandle::destroyForcibly);
            container.destroyForcibly();
            container.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void requireRootWithUnshareAndChroot() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("sh", "-c", "id -u && command -v unshare && command -v chroot")
                .redirectErrorStream(true)
                .start();
        String out = new String(id.getInputStream().readAllBytes()).strip();
        boolean ready = id.waitFor(10, TimeUnit.SECONDS) && id.exitValue() == 0 && out.startsWith("0\n");
        if (ready) {
            return;
        }
        String why = "running an image needs root, unshare and chroot (got: " + out.replace('\n', ' ') + ")";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(why + "; CI=true, so this test fails rather than skips");
        }
        Assumptions.abort(why);
    }

    /** The real user id of a process, from {@code /proc/<pid>/status}. */
    private static String uid(ProcessHandle process) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("Uid:")) {
                return line.substring(4).strip().split("\\s+")[0];
            }
        }
        throw new IOException("no Uid line in /proc/" + process.pid() + "/status");
    }

    private static int status(HttpClient http, String url) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1; // not listening yet
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
