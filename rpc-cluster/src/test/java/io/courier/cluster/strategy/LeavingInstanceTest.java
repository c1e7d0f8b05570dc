package io.courier.cluster.strategy;

import static io.courier.cluster.strategy.Script.A;
import static io.courier.cluster.strategy.Script.B;
import static io.courier.cluster.strategy.Script.C;
import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.ErrorCode;
import io.courier.api.Invoker;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.cluster.testing.Calls;
import io.courier.cluster.testing.FakeTicker;
import io.courier.cluster.testing.Futures;
import io.courier.cluster.testing.Greeter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An instance that is leaving sends the call elsewhere once, without spending a retry. */
class LeavingInstanceTest {

    private static final RpcException GOING_AWAY = new RpcException(ErrorCode.GOING_AWAY, "shutting down");
    private static final RpcException CLOSED = new RpcException(ErrorCode.CLOSED, "invoker closed");
    private static final RpcException BUSY = new RpcException(ErrorCode.SERVER_BUSY, "queue full");
    private static final RpcResult OK = RpcResult.of(42L);

    private final Script script = new Script();
    private final FakeTicker ticker = new FakeTicker();

    @AfterEach
    void close() {
        script.close();
    }

    @Test
    void goingAway_isSentToAnotherInstance_evenWithNoRetries() {
        Invoker invoker = script.on(A, GOING_AWAY).on(B, OK).join(new FailoverCluster(ticker), retries(0));

        assertThat(invoker.invoke(Calls.of(Greeter.WRITE, 1L))).isCompletedWithValue(OK);
        assertThat(script.attempts()).containsExactly(A, B);
    }

    @Test
    void closedInvoker_isSentToAnotherInstance_evenByFailfast() {
        Invoker invoker = script.on(A, CLOSED).on(B, OK).join(new FailfastCluster(), retries(0));

        assertThat(invoker.invoke(Calls.of(Greeter.WRITE, 1L))).isCompletedWithValue(OK);
        assertThat(script.attempts()).containsExactly(A, B);
    }

    @Test
    void leavingInstances_areSkippedOnlyOnce_perCall() {
        Invoker invoker =
                script.on(A, GOING_AWAY).on(B, GOING_AWAY).on(C, OK).join(new FailoverCluster(ticker), retries(0));

        Throwable failure = Futures.failure(invoker.invoke(Calls.of(Greeter.WRITE, 1L)));

        assertThat(script.attempts()).containsExactly(A, B);
        assertThat(failure).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.GOING_AWAY);
            assertThat(e.notExecuted()).isTrue();
        });
    }

    @Test
    void leavingInstance_doesNotUseUpTheRetries() {
        Invoker invoker = script.on(A, GOING_AWAY).on(B, BUSY).on(C, OK).join(new FailoverCluster(ticker), retries(1));

        assertThat(invoker.invoke(Calls.of(Greeter.WRITE, 1L))).isCompletedWithValue(OK);
        assertThat(script.attempts()).containsExactly(A, B, C);
    }

    @Test
    void goingAwayThatMayHaveExecuted_isNotSentElsewhere_forANonIdempotentMethod() {
        RpcException maybeRan = new RpcException(ErrorCode.GOING_AWAY, false, "odd: may have run", null);
        Invoker invoker = script.on(A, maybeRan).on(B, OK).join(new FailoverCluster(ticker), retries(0));

        Throwable failure = Futures.failure(invoker.invoke(Calls.of(Greeter.WRITE, 1L)));

        assertThat(script.attempts()).containsExactly(A);
        assertThat(failure).isInstanceOf(RpcException.class);
    }

    private static ReferenceOptions retries(int retries) {
        return ReferenceOptions.builder().retries(retries).build();
    }
}
