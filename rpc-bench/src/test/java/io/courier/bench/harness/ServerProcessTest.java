package io.courier.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.bench.workload.WorkloadCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class ServerProcessTest {

    @Test
    void startsTheServerInItsOwnProcessAndStopsItPolitelyOnClose() throws Exception {
        ServerProcess server = ServerProcess.start(RpcSystem.RAW);
        try (ClientHandle client = RpcSystem.RAW.connect(server.port())) {
            assertThat(server.process().pid())
                    .isNotEqualTo(ProcessHandle.current().pid());
            WorkloadCheck.verify(client.service());
        } finally {
            server.close();
        }

        assertThat(server.process().isAlive()).isFalse();
        // 0, not 143: the server left because its input closed, not because it was killed
        assertThat(server.process().exitValue()).isZero();
    }

    @Test
    void aServerThatCannotStartLeavesNoProcessBehind() {
        assertThatThrownBy(() -> ServerProcess.start(RpcSystem.RAW, List.of("-XX:+NoSuchOptionForTheBenchmark")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the raw server failed to start");

        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive))
                .noneMatch(child -> child.info().commandLine().orElse("").contains(BenchServer.class.getName()));
    }

    @Test
    void theServerExitsWhenItsHarnessIsKilled(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("server.pid");
        Process harness = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        OrphanProbe.class.getName(),
                        pidFile.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("probe.log").toFile())
                .start();
        Optional<ProcessHandle> server = Optional.empty();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(pidFile));
            server = ProcessHandle.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8)));
            assertThat(server).isPresent();

            // SIGKILL: no shutdown hook of the harness runs
            harness.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

            ProcessHandle orphan = server.get();
            await().atMost(Duration.ofSeconds(20)).until(() -> !orphan.isAlive());
        } finally {
            // a killed harness's children are no longer its descendants: stop the server by its pid
            server.ifPresent(ProcessHandle::destroyForcibly);
            harness.descendants().forEach(ProcessHandle::destroyForcibly);
            harness.destroyForcibly();
        }
    }

    @Test
    void smokeCheck_passesForCourier() {
        assertThat(SmokeCheck.run(new String[] {"courier"})).isZero();
    }

    @Test
    void smokeCheck_passesForGrpc() {
        assertThat(SmokeCheck.run(new String[] {"grpc"})).isZero();
    }

    @Test
    void smokeCheck_failsOnAnUnknownSystem() {
        assertThat(SmokeCheck.run(new String[] {"thrift"})).isEqualTo(1);
    }
}
