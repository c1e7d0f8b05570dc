package io.courier.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TransportOptionsTest {

    @Test
    void defaults_areValidAndDocumented() {
        TransportOptions options = TransportOptions.defaults();
        assertThat(options.heartbeatIntervalMillis()).isEqualTo(15_000);
        assertThat(options.idleTimeoutMillis()).isEqualTo(45_000);
        assertThat(options.connectionsPerEndpoint()).isEqualTo(1);
        assertThat(options.executor()).isEqualTo(ExecutorKind.POOL);
        assertThat(options.executorQueueSize()).isEqualTo(256);
        assertThat(options.toBuilder().build()).isEqualTo(options);
    }

    @Test
    void idleTimeout_isThreeHeartbeatIntervals() {
        TransportOptions options =
                TransportOptions.builder().heartbeatIntervalMillis(70).build();
        assertThat(options.idleTimeoutMillis()).isEqualTo(210);
    }

    @Test
    void build_namesTheKeyTheValueAndTheExpectation() {
        assertThatThrownBy(() ->
                        TransportOptions.builder().connectTimeoutMillis(-1).build())
                .hasMessage("connectTimeoutMillis: -1 (expected: > 0)");
        assertThatThrownBy(() -> TransportOptions.builder().ioThreads(0).build())
                .hasMessage("ioThreads: 0 (expected: 1 to 1024)");
        assertThatThrownBy(
                        () -> TransportOptions.builder().executorQueueSize(-1).build())
                .hasMessage("executorQueueSize: -1 (expected: 0 to 1000000)");
        assertThatThrownBy(() -> TransportOptions.builder().reconnectJitter(1.5).build())
                .hasMessage("reconnectJitter: 1.5 (expected: 0 to 1)");
        assertThatThrownBy(() ->
                        TransportOptions.builder().reconnectJitter(Double.NaN).build())
                .hasMessage("reconnectJitter: NaN (expected: 0 to 1)");
        assertThatThrownBy(() ->
                        TransportOptions.builder().reconnectBackoff(500, 100).build())
                .hasMessage("reconnectBackoffMaxMillis: 100 (expected: >= reconnectBackoffBaseMillis 500)");
        assertThatThrownBy(() -> TransportOptions.builder()
                        .writeBufferWaterMarks(1024, 512)
                        .build())
                .hasMessage("writeBufferHighWaterMark: 512 (expected: >= writeBufferLowWaterMark 1024)");
        assertThatThrownBy(() ->
                        TransportOptions.builder().connectionsPerEndpoint(65).build())
                .hasMessage("connectionsPerEndpoint: 65 (expected: 1 to 64)");
    }

    @Test
    void executorKind_parsesConfigurationNames() {
        assertThat(ExecutorKind.of("pool")).isEqualTo(ExecutorKind.POOL);
        assertThat(ExecutorKind.of("direct")).isEqualTo(ExecutorKind.DIRECT);
        assertThat(ExecutorKind.of("virtual")).isEqualTo(ExecutorKind.VIRTUAL);
        assertThatThrownBy(() -> ExecutorKind.of("fixed"))
                .hasMessage("executor: 'fixed' (expected: one of pool, direct, virtual)");
    }
}
