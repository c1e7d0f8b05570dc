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
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FailoverClusterTest {

    private static final RpcException BUSY = new RpcException(ErrorCode.SERVER_BUSY, "queue full");
    private static final RpcException TIMEOUT = new RpcException(ErrorCode.TIMEOUT, "no answer in 3000 ms");
    private static final RpcResult OK = RpcResult.of(42L);

    private final Script script = new Script();
    private final FakeTicker ticker = new FakeTicker();

    @AfterEach
    void close() {
        script.close();
    }

    @Test
    void notExecutedFailure_isRetriedOnAnotherInstance_evenForANonIdempotentMethod() {
        Invoker invoker = script.on(A, BUSY).on(B, OK).on(C, OK).join(new FailoverCluster(ticker));

        CompletableFuture<RpcResult> answer = invoker.invoke(Calls.of(Greeter.WRITE, 1L));

        assertThat(answer).isCompletedWithValue(OK);
        assertThat(script.attempts()).containsExactly(A, B);
    }

    @Test
    void noRetry_onceTheCallsDeadlineHasPassed() {
        Invoker invoker = script.on(A, BUSY).on(B, OK).on(C, OK).join(new FailoverCluster(ticker));

        Throwable failure =
                Futures.failure(invoker.invoke(Calls.of(Greeter.WRITE, 1L).withDeadlineNanos(System.nanoTime() - 1)));

        assertThat(script.attempts()).containsExactly(A);
        assertThat(failure)
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVER_BUSY))
                .hasMessageContaining("not retried: the call's deadline has passed");
    }

    @Test
    void retries_whileTheCallsDeadlineIsAhead() {
        Invoker invoker = script.on(A, BUSY).on(B, OK).on(C, OK).join(new FailoverCluster(ticker));

        CompletableFuture<RpcResult> answer =
                invoker.invoke(Calls.of(Greeter.WRITE, 1L).withDeadlineNanos(System.nanoTime() + 60_000_000_000L));

        assertThat(answer).isCompletedWithValue(OK);
        assertThat(script.attempts()).containsExactly(A, B);
    }

    @Test
    void unknownService_isTriedOnOneOtherInstanceOnly_neverTheSameOneAgain() {
        RpcException unknown = new RpcException(ErrorCode.BAD_REQUEST, "provider: unknown service 'x'");
        Invoker invoker = script.on(A, unknown).on(B, unknown).on(C, OK).join(new FailoverCluster(ticker));

        Throwable failure = Futures.failure(invoker.invoke(Calls.of(Greeter.READ, 1L)));

        assertThat(script.attempts()).containsExactly(A, B);
        assertThat(failure).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(e.notExecuted()).isTrue();
        });
    }

    @Test
    void unknownService_onTheOnlyInstance_isNotRetried() {
        RpcException unknown = new RpcException(ErrorCode.BAD_REQUEST, "provider: unknown service 'x'");
        Invoker invoker = script.on(A, unknown).join(new FailoverCluster(ticker));

        Throwable failure = Futures.failure(invoker.invoke(Calls.of(Greeter.READ, 1L)));

        assertThat(script.attempts()).containsExactly(A);
        assertThat(failure).hasMessageContaining("after 1 attempt on [10.0.0.1:20880]");
    }

    @Test
    void unknownServiceOnOneInstance_succeedsOnAnother_duringARollout() {
        RpcException unknown = new RpcException(ErrorCode.BAD_REQUEST, "provider: unknown service 'x'");
        Invoker invoker = script.on(A, unknown).on(B, OK).join(new FailoverCluster(ticker));

        assertThat(invoker.invoke(Calls.of(Greeter.WRITE, 1L))).isCompletedWithValue(OK);
        assertThat(script.attempts()).containsExactly(A, B);
    }

    @Test
    void payloadTooLargeOrForbidden_isNeverRetried() {
        for (ErrorCode code : new ErrorCode[] {ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.FORBIDDEN}) {
            Script refusing = new Script();
            try {
                RpcException refused = new RpcException(code, true, "refused", null);
                Invoker invoker = refusing.on(A, refused).on(B, OK).join(new FailoverCluster(ticker));

                Throwable failure = Futures.failure(invoker.invoke(Calls.of(Greeter.READ, 1L)));

                assertThat(refusing.attempts()).as("%s", code).containsExactly(A);
                assertThat(failure).isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.notExecuted())
                        .isTrue());
            } finally {
                refusing.close();
            }
        }
    }

    @Test
    void failureThatMayHaveExecuted_isNotRetried_forANonIdempotentMethod() {
        Invoker invoker = script.on(A, TIMEOUT).on(B, OK).join(new FailoverCluster(ticker));

        Throwable failure = Futures.failure(invoker.invoke(Calls.of(Greeter.WRITE, 1L)));

        assertThat(script.attempts()).containsExactly(A);
        assertThat(failure)
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
                    assertThat(e.notExecuted()).isFalse();
                    assertThat(e.getCause()).isSameAs(TIMEOUT);
                })
                .hasMessageContaining("after 1 attempt on [10.0.0.1:20880]")
                .hasMessageContaining("the call may have executed and the method is not @Idempotent");
    }

    @Test
    void failureThatMayHaveExecuted_isRetried_forAnIdempotentMethod() {
        Invoker invoker = script.on(A, TIMEOUT).on(B, OK).join(new FailoverCluster(ticker));

        assertThat(invoker.invoke(Calls.of(Greeter.READ, 1L))).isCompletedWithValue(OK);
        assertThat(script.attempts()).containsExactly(A, B);
    }

    @Test
    void givingUp_namesTheServiceMethodInstancesTriedAndLastCause() {
        Invoker invoker = script.on(A, BUSY).on(B, BUSY).on(C, BUSY).join(new FailoverCluster(ticker));

        Throwable failure = Futures.failure(invoker.invoke(Calls.of(Greeter.WRITE, 7L)));

        assertThat(script.attempts()).containsExactly(A, B, C);
        assertThat(failure)
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SERVER_BUSY);
                    assertThat(e.notExecuted()).isTrue();
                })
                .hasMessage("Failed to call io.courier.cluster.testing.Greeter#write(long) after 3 attempts on"
                        + " [10.0.0.1:20880, 10.0.0.2:20880, 10.0.0.3:20880] (retries exhausted (retries = 2));"
                        + " last cause: io.courier.api.RpcException [SERVER_BUSY, not executed]: queue full");
    }

    @Test
    void finalFailure_isNotExecutedOnlyIfNoAttemptMayHaveExecuted() {
        Invoker invoker = script.on(A, TIMEOUT).on(B, BUSY).on(C, BUSY).join(new FailoverCluster(ticker));

        Throwable failure = Futures.failure(invoker.invoke(Calls.of(Greeter.READ, 1L)));

        assertThat(failure).isInstanceOfSatisfying(RpcException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SERVER_BUSY);
            assertThat(e.notExecuted()).as("the first attempt may have run").isFalse();
        });
    }

    @Test
    void retries_followTheReferenceOption() {
        Invoker invoker = script.on(A, BUSY)
                .on(B, BUSY)
                .on(C, OK)
                .join(
                        new FailoverCluster(ticker),
                        ReferenceOptions.builder().retries(1).build());

        Throwable failure = Futures.failure(invoker.invoke(Calls.of(Greeter.WRITE, 1L)));

        assertThat(script.attempts()).containsExactly(A, B);
        assertThat(failure).hasMessageContaining("retries exhausted (retries = 1)");
    }

    @Test
    void singleInstance_isRetriedItself_forNotExecutedFailures() {
        Invoker invoker = script.on(A, BUSY, BUSY, OK).join(new FailoverCluster(ticker));

        assertThat(invoker.invoke(Calls.of(Greeter.WRITE, 1L))).isCompletedWithValue(OK);
        assertThat(script.attempts()).containsExactly(A, A, A);
    }

    @Test
    void businessException_isAnAnswer_andNotRetried() {
        RpcResult thrown = RpcResult.ofException(new IllegalArgumentException("no such user"));
        Invoker invoker = script.on(A, thrown).on(B, OK).join(new FailoverCluster(ticker));

        assertThat(invoker.invoke(Calls.of(Greeter.READ, 1L))).isCompletedWithValue(thrown);
        assertThat(script.attempts()).containsExactly(A);
    }

    @Test
    void forbidden_isNeverRetried() {
        Invoker invoker = script.on(A, new RpcException(ErrorCode.FORBIDDEN, "bad token"))
                .on(B, OK)
                .join(new FailoverCluster(ticker));

        Throwable failure = Futures.failure(invoker.invoke(Calls.of(Greeter.READ, 1L)));

        assertThat(script.attempts()).containsExactly(A);
        assertThat(failure).hasMessageContaining("this failure does not depend on the instance");
    }

    @Test
    void spentRetryBudget_stopsRetrying() {
        Invoker invoker = script.on(A, BUSY).on(B, BUSY).on(C, BUSY).join(new FailoverCluster(ticker));

        int calls = 300;
        int budgetStops = 0;
        for (int i = 0; i < calls; i++) {
            Throwable failure = Futures.failure(invoker.invoke(Calls.of(Greeter.WRITE, (long) i)));
            if (failure.getMessage().contains("retry budget")) {
                budgetStops++;
            }
        }

        int retries = script.attempts().size() - calls;
        assertThat(retries).isEqualTo(calls * 20 / 100 + 100);
        assertThat(budgetStops).isPositive();
    }

    @Test
    void emptyRoute_failsWithNoProvider_namingTheTag() {
        Invoker invoker = script.on(A, OK)
                .join(
                        new FailoverCluster(ticker),
                        ReferenceOptions.builder().forceTag(true).build());
        // Script.join uses no routers, so route emptiness is shown with a closed directory instead.
        script.close();

        Throwable failure = Futures.failure(invoker.invoke(Calls.tagged("canary", Greeter.READ, 1L)));

        assertThat(failure)
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NO_PROVIDER))
                .hasMessageStartingWith("No provider available for io.courier.cluster.testing.Greeter#read(long)"
                        + " with tag 'canary' (forced): no instance is known (expected: a running provider");
    }
}
