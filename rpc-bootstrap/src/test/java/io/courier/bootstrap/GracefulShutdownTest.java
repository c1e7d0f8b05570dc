package io.courier.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcException;
import io.courier.bootstrap.fixtures.calls.CallService;
import io.courier.bootstrap.fixtures.calls.RecordingCallService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Closing answers what was accepted and waits for what was started; the operator's switch. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class GracefulShutdownTest {

    @Test
    void providerClose_answersTheCallItAccepted_andASecondCloseWaitsForTheFirst() throws Exception {
        RecordingCallService service = new RecordingCallService();
        Courier provider = Environments.builder().export(service).start();
        Courier consumer = Environments.builder().start();
        try {
            CallService calls = consumer.reference(CallService.class, direct(provider.port()));
            CompletableFuture<String> accepted = calls.later("accepted before the close");
            await().atMost(Duration.ofSeconds(10)).until(() -> service.pendingCount() == 1);

            CompletableFuture<Void> first = CompletableFuture.runAsync(provider::close);
            await().atMost(Duration.ofSeconds(10)).until(provider::isClosed);
            CompletableFuture<Void> second = CompletableFuture.runAsync(provider::close);
            // Both closes wait for the accepted call, however long it takes (within the timeout).
            await().during(Duration.ofMillis(300))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> !first.isDone() && !second.isDone() && !accepted.isDone());

            service.releaseAll();

            assertThat(accepted.get(10, TimeUnit.SECONDS)).isEqualTo("done accepted before the close");
            first.get(10, TimeUnit.SECONDS);
            second.get(10, TimeUnit.SECONDS);
        } finally {
            service.releaseAll();
            consumer.close();
            provider.close();
        }
    }

    @Test
    void consumerClose_waitsForItsOutstandingCall_andRefusesNewOnesUnsent() throws Exception {
        RecordingCallService service = new RecordingCallService();
        Courier provider = Environments.builder().export(service).start();
        Courier consumer = Environments.builder().start();
        try {
            CallService calls = consumer.reference(CallService.class, direct(provider.port()));
            CompletableFuture<String> outstanding = calls.later("started before the close");
            await().atMost(Duration.ofSeconds(10)).until(() -> service.pendingCount() == 1);

            CompletableFuture<Void> closing = CompletableFuture.runAsync(consumer::close);
            await().atMost(Duration.ofSeconds(10)).until(consumer::isClosed);

            assertThatThrownBy(() -> calls.echo("started after the close"))
                    .isInstanceOfSatisfying(RpcException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.CLOSED);
                        assertThat(e.notExecuted()).isTrue();
                    });
            assertThat(closing).isNotDone();

            service.releaseAll();

            assertThat(outstanding.get(10, TimeUnit.SECONDS)).isEqualTo("done started before the close");
            closing.get(10, TimeUnit.SECONDS);
        } finally {
            service.releaseAll();
            consumer.close();
            provider.close();
        }
    }

    @Test
    void offline_letsRegistryConsumersLeave_andOnline_bringsThemBack() {
        Courier first = Environments.embedded("first")
                .export(new RecordingCallService())
                .start();
        Courier second = Environments.embedded("second")
                .export(new RecordingCallService())
                .start();
        Courier consumer = Environments.embedded("consumer").start();
        try {
            CallService calls = consumer.reference(CallService.class);
            await().atMost(Duration.ofSeconds(20))
                    .ignoreException(RpcException.class)
                    .until(() -> "x".equals(calls.echo("x"))
                            && first.providerStatus().orElseThrow().openConnections() > 0
                            && second.providerStatus().orElseThrow().openConnections() > 0);

            first.offline();

            assertThat(first.isOnline()).isFalse();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> "y".equals(calls.echo("y"))
                            && first.providerStatus().orElseThrow().openConnections() == 0);
            for (int i = 0; i < 50; i++) {
                assertThat(calls.echo("while offline " + i)).isEqualTo("while offline " + i);
            }
            assertThat(first.providerStatus().orElseThrow().openConnections()).isZero();

            first.online();

            assertThat(first.isOnline()).isTrue();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> "z".equals(calls.echo("z"))
                            && first.providerStatus().orElseThrow().openConnections() > 0);
        } finally {
            consumer.close();
            first.close();
            second.close();
        }
        assertThatThrownBy(first::online).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void close_doesNotWaitForItsOwnReferenceCallingItself_whenOtherConsumersLeft() {
        Courier both = Environments.embedded("both")
                .export(new RecordingCallService())
                .property("courier.shutdown.timeout-millis", "60000")
                .property("courier.shutdown.unregister-wait-millis", "30000")
                .start();
        // a second provider, so that the other application's list does not empty (which it would keep)
        Courier spare = Environments.embedded("spare")
                .export(new RecordingCallService())
                .start();
        Courier other = Environments.embedded("other").start();
        try {
            CallService own = both.reference(CallService.class);
            CallService others = other.reference(CallService.class);
            await().atMost(Duration.ofSeconds(20))
                    .ignoreException(RpcException.class)
                    .until(() -> "own".equals(own.echo("own"))
                            && "other".equals(others.echo("other"))
                            && both.providerStatus().orElseThrow().openConnections() >= 2
                            && spare.providerStatus().orElseThrow().openConnections() >= 1);

            // the other application follows the registry to the spare: the close ends when it has left,
            // not 30 s later for the connection of its own reference, which follows no registry now
            long start = System.nanoTime();
            both.close();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
            assertThat(others.echo("after")).isEqualTo("after");
        } finally {
            other.close();
            spare.close();
            both.close();
        }
    }

    private static ReferenceOptions direct(int port) {
        return ReferenceOptions.builder()
                .directEndpoints(List.of(Endpoint.of("127.0.0.1", port)))
                .retries(0)
                .build();
    }
}
