package io.courier.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.netty.util.HashedWheelTimer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InFlightTableTest {

    interface Greeter {
        String greet(String name);
    }

    private static final ServiceDescriptor SERVICE = ServiceDescriptor.of(Greeter.class);
    private static final Invocation CALL =
            Invocation.of(ServiceKey.of(Greeter.class), SERVICE.methods().get(0), new Object[] {"x"});

    private final HashedWheelTimer timer = new HashedWheelTimer(10, TimeUnit.MILLISECONDS);
    private final InFlightTable table = new InFlightTable(timer, "127.0.0.1:1");

    @AfterEach
    void stopTimer() {
        timer.stop();
    }

    @Test
    void remove_handsTheCallToItsResponseOnce() {
        CompletableFuture<RpcResult> future = new CompletableFuture<>();
        long id = table.nextId();
        table.register(id, CALL, future, 60_000);

        PendingCall call = table.remove(id);
        call.complete(RpcResult.of("hi"));

        assertThat(future).isCompletedWithValueMatching(r -> "hi".equals(r.value()));
        assertThat(table.remove(id)).isNull();
        assertThat(table.size()).isZero();
    }

    @Test
    void timeout_removesTheCallAndFailsItWithTimeout() {
        CompletableFuture<RpcResult> future = new CompletableFuture<>();
        long id = table.nextId();
        table.register(id, CALL, future, 30);

        await().atMost(Duration.ofSeconds(2)).until(future::isDone);
        assertThat(future)
                .failsWithin(Duration.ZERO)
                .withThrowableOfType(Exception.class)
                .havingCause()
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
                    assertThat(e.getMessage()).contains("within 30 ms").contains("Greeter#greet");
                });
        assertThat(table.size()).isZero();
        assertThat(table.remove(id)).as("a late response finds nothing").isNull();
    }

    @Test
    void failAll_failsWithNetworkAndSaysWhetherTheRequestWasWritten() {
        CompletableFuture<RpcResult> unsent = new CompletableFuture<>();
        CompletableFuture<RpcResult> sent = new CompletableFuture<>();
        table.register(table.nextId(), CALL, unsent, 60_000);
        table.register(table.nextId(), CALL, sent, 60_000).markWritten();

        table.failAll("connection closed");

        assertThat(failure(unsent).code()).isEqualTo(ErrorCode.NETWORK);
        assertThat(failure(unsent).notExecuted()).isTrue();
        assertThat(failure(sent).code()).isEqualTo(ErrorCode.NETWORK);
        assertThat(failure(sent).notExecuted()).isFalse();
        assertThat(failure(sent).getMessage()).contains("connection closed").contains("127.0.0.1:1");
        assertThat(table.size()).isZero();
    }

    @Test
    void register_afterFailAllFailsAtOnce() {
        table.failAll("connection closed");
        CompletableFuture<RpcResult> late = new CompletableFuture<>();

        table.register(table.nextId(), CALL, late, 60_000);

        assertThat(failure(late).code()).isEqualTo(ErrorCode.NETWORK);
        assertThat(table.size()).isZero();
    }

    private static RpcException failure(CompletableFuture<RpcResult> future) {
        assertThat(future).isCompletedExceptionally();
        return (RpcException) future.handle((r, e) -> e).join();
    }
}
