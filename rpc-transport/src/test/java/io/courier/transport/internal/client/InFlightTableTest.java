package io.courier.transport.internal.client;

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
import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.netty.util.TimerTask;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
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

    private final HashedWheelTimer wheel = new HashedWheelTimer(10, TimeUnit.MILLISECONDS);
    private final CountingTimer timer = new CountingTimer(wheel);
    private final InFlightTable table = new InFlightTable(timer, "127.0.0.1:1");

    @AfterEach
    void stopTimer() {
        wheel.stop();
    }

    @Test
    void remove_handsTheCallToItsResponseOnce() {
        CompletableFuture<RpcResult> future = new CompletableFuture<>();
        long id = table.nextId();
        table.register(id, CALL, MINUTE, into(future), Unpooled.EMPTY_BUFFER);

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
        table.register(id, CALL, SHORT, into(future), Unpooled.EMPTY_BUFFER);

        assertTimesOut(future, "within 30 ms", "Greeter#greet");
        assertThat(table.size()).isZero();
        assertThat(table.remove(id)).as("a late response finds nothing").isNull();
    }

    @Test
    void timeout_isCutShortByTheCallsDeadline() {
        CompletableFuture<RpcResult> future = new CompletableFuture<>();
        Invocation due = CALL.withDeadlineNanos(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(30));
        table.register(table.nextId(), due, MINUTE, into(future), Unpooled.EMPTY_BUFFER);

        assertTimesOut(future, "within 60000 ms (cut short by the call's deadline)");
    }

    private static void assertTimesOut(CompletableFuture<RpcResult> future, String... messageParts) {
        await().atMost(Duration.ofSeconds(5)).until(future::isDone);
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
    void callsThatShareATimeout_shareOneTimerEntry_andResponsesCostNone() {
        for (int i = 0; i < 1_000; i++) {
            long id = table.nextId();
            table.register(id, CALL, MINUTE, into(new CompletableFuture<>()), Unpooled.EMPTY_BUFFER);
            if (i % 2 == 0) {
                table.remove(id);
            }
        }

        assertThat(timer.scheduled.get()).isEqualTo(1);
        assertThat(table.size()).isEqualTo(500);
    }

    @Test
    void callDueBeforeThePendingSweep_getsASweepOfItsOwn_andTheOthersWait() {
        CompletableFuture<RpcResult> patient = new CompletableFuture<>();
        CompletableFuture<RpcResult> hurried = new CompletableFuture<>();
        table.register(table.nextId(), CALL, MINUTE, into(patient), Unpooled.EMPTY_BUFFER);

        table.register(table.nextId(), CALL, SHORT, into(hurried), Unpooled.EMPTY_BUFFER);

        assertTimesOut(hurried, "within 30 ms");
        assertThat(patient).isNotDone();
        assertThat(table.size()).isOne();
        // The sweep that failed the short call then scheduled the next one, for the minute call.
        await().atMost(Duration.ofSeconds(5)).until(() -> timer.scheduled.get() == 3);
    }

    @Test
    void callsDueOneAfterAnother_eachTimeOutInTurn() {
        CompletableFuture<RpcResult> first = new CompletableFuture<>();
        CompletableFuture<RpcResult> second = new CompletableFuture<>();
        table.register(table.nextId(), CALL, SHORT, into(first), Unpooled.EMPTY_BUFFER);
        CallOptions longer = CallOptions.of(TestSerializer.INSTANCE, OpenPolicy.INSTANCE, 1_000);
        table.register(table.nextId(), CALL, longer, into(second), Unpooled.EMPTY_BUFFER);

        assertTimesOut(first, "within 30 ms");
        assertThat(second).isNotDone();
        assertTimesOut(second, "within 1000 ms");
        assertThat(table.size()).isZero();
    }

    @Test
    void register_whenTheTimerStopped_throwsAndLeavesNothingInTheTable() {
        wheel.stop();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> table.register(
                        table.nextId(), CALL, MINUTE, into(new CompletableFuture<>()), Unpooled.EMPTY_BUFFER))
                .isInstanceOf(IllegalStateException.class);
        assertThat(table.size()).isZero();
    }

    @Test
    void waitNanos_isTheSmallerOfTimeoutAndTimeLeft_neverNegative() {
        long now = System.nanoTime();
        long minute = TimeUnit.MINUTES.toNanos(1);

        assertThat(InFlightTable.waitNanos(CALL, MINUTE, now)).isEqualTo(minute);
        assertThat(InFlightTable.waitNanos(CALL.withDeadlineNanos(now + 2 * minute), MINUTE, now))
                .isEqualTo(minute);
        assertThat(InFlightTable.waitNanos(CALL.withDeadlineNanos(now + TimeUnit.SECONDS.toNanos(5)), MINUTE, now))
                .isBetween(TimeUnit.SECONDS.toNanos(4), TimeUnit.SECONDS.toNanos(5));
        assertThat(InFlightTable.waitNanos(CALL.withDeadlineNanos(now - 1), MINUTE, now))
                .isZero();
    }

    @Test
    void failAll_failsWithNetworkAndSaysWhetherTheRequestWasWritten() {
        CompletableFuture<RpcResult> unsent = new CompletableFuture<>();
        CompletableFuture<RpcResult> sent = new CompletableFuture<>();
        table.register(table.nextId(), CALL, MINUTE, into(unsent), Unpooled.EMPTY_BUFFER);
        table.register(table.nextId(), CALL, MINUTE, into(sent), Unpooled.EMPTY_BUFFER)
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

        table.register(table.nextId(), CALL, MINUTE, into(late), Unpooled.EMPTY_BUFFER);

        assertThat(failure(late).code()).isEqualTo(ErrorCode.NETWORK);
        assertThat(table.size()).isZero();
    }

    @Test
    void onDropped_releasesTheRequestAndFailsTheCallAsNotExecuted() {
        CompletableFuture<RpcResult> future = new CompletableFuture<>();
        ByteBuf frame = Unpooled.buffer(16).writeZero(16);
        PendingCall call = table.register(table.nextId(), CALL, MINUTE, into(future), frame);

        call.onDropped(ErrorCode.GOING_AWAY);

        assertThat(frame.refCnt()).isZero();
        assertThat(failure(future).code()).isEqualTo(ErrorCode.GOING_AWAY);
        assertThat(failure(future).notExecuted()).isTrue();
        assertThat(table.size()).isZero();
    }

    /** The completion of a call that completes {@code future}. */
    private static BiConsumer<RpcResult, Throwable> into(CompletableFuture<RpcResult> future) {
        return (result, failure) -> {
            if (failure != null) {
                future.completeExceptionally(failure);
            } else {
                future.complete(result);
            }
        };
    }

    private static RpcException failure(CompletableFuture<RpcResult> future) {
        assertThat(future).isCompletedExceptionally();
        return (RpcException) future.handle((r, e) -> e).join();
    }

    /** Counts the entries scheduled; the wheel does the rest. */
    private static final class CountingTimer implements Timer {
        final AtomicInteger scheduled = new AtomicInteger();
        private final Timer delegate;

        CountingTimer(Timer delegate) {
            this.delegate = delegate;
        }

        @Override
        public Timeout newTimeout(TimerTask task, long delay, TimeUnit unit) {
            Timeout timeout = delegate.newTimeout(task, delay, unit);
            scheduled.incrementAndGet();
            return timeout;
        }

        @Override
        public Set<Timeout> stop() {
            return delegate.stop();
        }
    }
}
