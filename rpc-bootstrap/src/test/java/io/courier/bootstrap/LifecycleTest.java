package io.courier.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.Endpoint;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcException;
import io.courier.bootstrap.fixtures.calls.CallService;
import io.courier.bootstrap.fixtures.calls.RecordingCallService;
import io.courier.bootstrap.fixtures.greeting.FriendlyGreeter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Start, close and the shutdown hook: nothing outlives an application. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LifecycleTest {

    @Test
    void close_isIdempotent_andReleasesThePortAndEveryThread() {
        Leftovers leftovers = Leftovers.snapshot();
        int port = Leftovers.freePort();
        Courier provider = Environments.builder()
                .port(port)
                .export(new RecordingCallService())
                .start();
        Courier consumer = Environments.builder().start();
        CallService calls = consumer.reference(CallService.class, direct(port));
        assertThat(calls.echo("ping")).isEqualTo("ping");
        assertThat(provider.port()).isEqualTo(port);

        consumer.close();
        provider.close();
        consumer.close();
        provider.close();

        assertThat(provider.isClosed()).isTrue();
        leftovers.assertNoNewThreads();
        Leftovers.assertPortFree(port);
    }

    @Test
    void consumerOnlyApplication_opensNoPort() {
        try (Courier consumer = Environments.builder().start()) {
            assertThat(consumer.port()).isEqualTo(-1);
            assertThat(consumer.endpoint()).isEmpty();
        }
    }

    @Test
    void portInUse_failsStartNamingThePort_andLeavesNothingBehind() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Leftovers leftovers = Leftovers.snapshot();
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> Environments.builder()
                            .port(port)
                            .export(new FriendlyGreeter())
                            .start())
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("courier.server.port: '" + port + "' (expected: a port free on 127.0.0.1");

            leftovers.assertNoNewThreads();
        }
    }

    @Test
    void afterClose_callsFailWithRpcException_andNewReferencesAreRefused() {
        try (Courier provider =
                Environments.builder().export(new RecordingCallService()).start()) {
            Courier consumer = Environments.builder().start();
            CallService calls = consumer.reference(CallService.class, direct(provider.port()));
            assertThat(calls.echo("before")).isEqualTo("before");

            consumer.close();

            assertThatThrownBy(() -> calls.echo("after")).isInstanceOf(RpcException.class);
            assertThatThrownBy(() -> consumer.reference(CallService.class, direct(provider.port())))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is closed");
        }
    }

    @Test
    void shutdownHook_isRegisteredWhenAsked_andRemovedByClose() {
        Courier courier =
                Courier.builder(Environments.clean()).shutdownHook(true).start();
        Thread hook = courier.shutdownHookThread();
        assertThat(hook).isNotNull();

        courier.close();

        assertThat(courier.shutdownHookThread()).isNull();
        assertThat(Runtime.getRuntime().removeShutdownHook(hook))
                .as("hook still registered")
                .isFalse();
    }

    @Test
    void shutdownHook_isNotRegisteredWhenTurnedOff() {
        try (Courier courier = Environments.builder().start()) {
            assertThat(courier.shutdownHookThread()).isNull();
        }
    }

    private static ReferenceOptions direct(int port) {
        return ReferenceOptions.builder()
                .directEndpoints(List.of(Endpoint.of("127.0.0.1", port)))
                .retries(0)
                .build();
    }
}
