package io.courier.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import io.courier.protocol.testing.OpenPolicy;
import io.courier.protocol.testing.TestSerializer;
import io.courier.transport.CallOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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

    private static final CallOptions MINUTE = CallOptions.of(TestSerializer.INSTANCE, OpenPolicy.INSTANCE, 60_000);
    private static final CallOptions SHORT = CallOptions.of(TestSerializer.INSTANCE, OpenPolicy.INSTANCE, 30);

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
        table.register(id, CALL, MINUTE, future, Unpooled.EMPTY_BUFFER);

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
        table.register(id, CALL, SHORT, future, Unpooled.EMPTY_BUFFER);

        assertTimesOut(future, "within 30 ms", "Greeter#greet");
        assertThat(table.size()).isZero();
        assertThat(table.remove(id)).as("a late response finds nothing").isNull();
    }

    @Test
    void timeout_isCutShortByTheCallsDeadline() {
        CompletableFuture<RpcResult> future = new CompletableFuture<>();
        Invocation due = CALL.withDeadlineNanos(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(30));
        table.register(table.nextId(), due, MINUTE, future, Unpooled.EMPTY_BUFFER);

        assertTimesOut(future, "within 60000 ms (cut short by the call's deadline)");
    }

    private static void assertTimesOut(CompletableFuture<RpcResult> future, String... messageParts) {
        await().atMost(Duration.ofSeconds(2)).until(future::isDone);
        assertThat(future)
                .failsWithin(Duration.ZERO)
                .withThrowableOfType(Exception.class)
                .havingCause()
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
                    assertThat(e.getMessage()).contains(messageParts);
                });
    }

    @Test
    void waitNanos_isTheSmallerOfTimeoutAndTimeLeft_neverNegative() {
        long now = System.nanoTime();
        long minute = TimeUnit.MINUTES.toNanos(1);

        assertThat(InFlightTable.waitNanos(CALL, MINUTE)).isEqualTo(minute);
        assertThat(InFlightTable.waitNanos(CALL.withDeadlineNanos(now + 2 * minute), MINUTE))
                .isEqualTo(minute);
        assertThat(InFlightTable.waitNanos(CALL.withDeadlineNanos(now + TimeUnit.SECONDS.toNanos(5)), MINUTE))
                .isBetween(TimeUnit.SECONDS.toNanos(4), TimeUnit.SECONDS.toNanos(5));
        assertThat(InFlightTable.waitNanos(CALL.withDeadlineNanos(now - 1), MINUTE))
                .isZero();
    }

    @Test
    void failAll_failsWithNetworkAndSaysWhetherTheRequestWasWritten() {
        CompletableFuture<RpcResult> unsent = new CompletableFuture<>();
        CompletableFuture<RpcResult> sent = new CompletableFuture<>();
        table.register(table.nextId(), CALL, MINUTE, unsent, Unpooled.EMPTY_BUFFER);
        table.register(table.nextId(), CALL, MINUTE, sent, Unpooled.EMPTY_BUFFER)
                .onWritten();

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

        table.register(table.nextId(), CALL, MINUTE, late, Unpooled.EMPTY_BUFFER);

        assertThat(failure(late).code()).isEqualTo(ErrorCode.NETWORK);
        assertThat(table.size()).isZero();
    }

    @Test
    void onDropped_releasesTheRequestAndFailsTheCallAsNotExecuted() {
        CompletableFuture<RpcResult> future = new CompletableFuture<>();
        ByteBuf frame = Unpooled.buffer(16).writeZero(16);
        PendingCall call = table.register(table.nextId(), CALL, MINUTE, future, frame);

        call.onDropped(ErrorCode.GOING_AWAY);

        assertThat(frame.refCnt()).isZero();
        assertThat(failure(future).code()).isEqualTo(ErrorCode.GOING_AWAY);
        assertThat(failure(future).notExecuted()).isTrue();
        assertThat(table.size()).isZero();
    }

    private static RpcException failure(CompletableFuture<RpcResult> future) {
        assertThat(future).isCompletedExceptionally();
        return (RpcException) future.handle((r, e) -> e).join();
    }
}
