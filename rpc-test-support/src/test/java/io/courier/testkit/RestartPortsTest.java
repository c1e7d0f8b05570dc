package io.courier.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class RestartPortsTest {

    /**
     * Another process holding a port's lock (Python's lockf, the same POSIX record lock the JVM takes) keeps
     * this JVM from picking it; once that process has ended, the port can be held here.
     */
    @Test
    void aPortLockedByAnotherProcess_isNotHeldHere_untilThatProcessEnds() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/python3"))) {
            String why = "/usr/bin/python3 is missing (Debian's python3)";
            Assertions.assertNotEquals(
                    "true", System.getenv("CI"), why + "; CI=true, so the test fails rather than skips");
            Assumptions.abort(why);
        }
        int port = 10_000 + ThreadLocalRandom.current().nextInt(20_000);
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "courier-restart-ports.lock");
        String holder = String.join(
                "\n",
                "import fcntl, os, sys",
                "f = open(sys.argv[1], 'a+')",
                "fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, int(sys.argv[2]), os.SEEK_SET)",
                "print('held', flush=True)",
                "sys.stdin.read()");
        Process other = new ProcessBuilder("/usr/bin/python3", "-c", holder, file.toString(), Integer.toString(port))
                .redirectErrorStream(true)
                .start();
        try {
            String first = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(first).isEqualTo("held");
            assertThat(RestartPorts.hold(port))
                    .as("port %d, held by another process", port)
                    .isFalse();
        } finally {
            other.getOutputStream().close();
            assertThat(other.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(RestartPorts.hold(port))
                .as("port %d, let go by the process that ended", port)
                .isTrue();
    }

    @Test
    void picks_areBelowTheEphemeralRange_distinct_andFreeOnLoopback() throws Exception {
        int ephemeralStart = RestartPorts.ephemeralStart();
        List<Integer> picks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            picks.add(RestartPorts.pick());
        }
        assertThat(picks).doesNotHaveDuplicates().allSatisfy(port -> assertThat(port)
                .isGreaterThanOrEqualTo(10_000)
                .isLessThan(ephemeralStart));
        for (int port : picks.subList(0, 5)) {
            try (ServerSocket server = new ServerSocket()) {
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                assertThat(server.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
