package io.courier.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.bench.workload.WorkloadCheck;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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
    void smokeCheck_passesForTheRawSystem() {
        assertThat(SmokeCheck.run(new String[] {"raw"})).isZero();
    }

    @Test
    void smokeCheck_passesForCourier() {
        assertThat(SmokeCheck.run(new String[] {"courier"})).isZero();
    }

    @Test
    void smokeCheck_failsOnAnUnknownSystem() {
        assertThat(SmokeCheck.run(new String[] {"grpc"})).isEqualTo(1);
    }
}
