package io.courier.cluster.strategy;

import static io.courier.cluster.strategy.Script.A;
import static io.courier.cluster.strategy.Script.B;
import static io.courier.cluster.strategy.Script.C;
import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.ErrorCode;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.cluster.Cluster;
import io.courier.cluster.testing.Calls;
import io.courier.cluster.testing.Futures;
import io.courier.cluster.testing.Greeter;
import io.courier.spi.ExtensionLoader;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** failfast, failsafe, forking and broadcast on scripted instances. */
class SimpleStrategiesTest {

    private static final RpcException BUSY = new RpcException(ErrorCode.SERVER_BUSY, "queue full");
    private static final RpcResult OK = RpcResult.of(42L);

    private final Script script = new Script();

    @AfterEach
    void close() {
        script.close();
    }

    @Test
    void allSevenStrategies_areRegistered_andFailoverIsTheDefault() {
        ExtensionLoader<Cluster> loader = ExtensionLoader.of(Cluster.class);

        assertThat(loader.names())
                .containsExactlyInAnyOrder(
                        "failover", "failfast", "failsafe", "failback", "forking", "broadcast", "hedging");
        assertThat(loader.getDefault()).isInstanceOf(FailoverCluster.class);
    }

    @Test
    void failfast_neverRetries_evenWhenTheCallDidNotRun() {
        Invoker invoker = script.on(A, BUSY).on(B, OK).join(new FailfastCluster());

        Throwable failure = Futures.failure(invoker.invoke(Calls.of(Greeter.READ, 1L)));

        assertThat(script.attempts()).containsExactly(A);
        assertThat(failure)
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVER_BUSY))
                .hasMessageContaining(
                        "Greeter#read(long) after 1 attempt on [10.0.0.1:20880] (failfast does not retry)");
    }

    @Test
    void failsafe_answersAnEmptyResultInsteadOfAFailure() {
        Invoker invoker = script.on(A, BUSY).join(new FailsafeCluster());

        assertThat(invoker.invoke(Calls.of(Greeter.HELLO, "x")))
                .isCompletedWithValueMatching(result -> result.value() == null && !result.hasException());
        assertThat(invoker.invoke(Calls.of(Greeter.WRITE, 1L)))
                .as("a primitive return type gets its zero value")
                .isCompletedWithValueMatching(result -> Long.valueOf(0).equals(result.value()));
        assertThat(invoker.invoke(Calls.of(Greeter.COUNT)))
                .isCompletedWithValueMatching(result -> Integer.valueOf(0).equals(result.value()));
        assertThat(script.attempts()).containsExactly(A, A, A);
    }

    @Test
    void failsafe_passesBusinessExceptionsThrough() {
        RpcResult thrown = RpcResult.ofException(new IllegalStateException("closed account"));
        Invoker invoker = script.on(A, thrown).join(new FailsafeCluster());

        assertThat(invoker.invoke(Calls.of(Greeter.WRITE, 1L))).isCompletedWithValue(thrown);
    }

    @Test
    void forking_answersWithTheFirstOfNParallelAttempts() {
        Invoker invoker =
                script.on(A, Script.HOLD).on(B, Script.HOLD).on(C, Script.HOLD).join(new ForkingCluster());

        CompletableFuture<RpcResult> answer = invoker.invoke(Calls.of(Greeter.READ, 1L));

        assertThat(script.attempts()).containsExactlyInAnyOrder(A, B, C);
        assertThat(answer).isNotDone();
        script.release(BUSY);
        assertThat(answer).as("one failed fork does not fail the call").isNotDone();
        script.release(RpcResult.of("second"));
        assertThat(answer).isCompletedWithValueMatching(result -> "second".equals(result.value()));
        script.release(RpcResult.of("third"));
        assertThat(answer).isCompletedWithValueMatching(result -> "second".equals(result.value()));
    }

    @Test
    void forking_failsOnlyWhenEveryForkFails() {
        Invoker invoker = script.on(A, BUSY).on(B, BUSY).on(C, BUSY).join(new ForkingCluster());

        Throwable failure = Futures.failure(invoker.invoke(Calls.of(Greeter.READ, 1L)));

        assertThat(failure)
                .isInstanceOfSatisfying(
                        RpcException.class, e -> assertThat(e.notExecuted()).isTrue())
                .hasMessageContaining("after 3 attempts")
                .hasMessageContaining("every one of 3 forks failed");
    }

    @Test
    void forking_neverForksANonIdempotentMethod() {
        Invoker invoker = script.on(A, Script.HOLD).on(B, OK).on(C, OK).join(new ForkingCluster());

        CompletableFuture<RpcResult> answer = invoker.invoke(Calls.of(Greeter.WRITE, 1L));

        assertThat(script.attempts()).containsExactly(A);
        script.release(BUSY);
        assertThat(answer).as("retried like failover after a refusal").isCompletedWithValue(OK);
        assertThat(script.attempts()).containsExactly(A, B);
    }

    @Test
    void broadcast_callsEveryInstance_andAnswersWhenAllDo() {
        Invoker invoker = script.on(A, RpcResult.of("a"))
                .on(B, RpcResult.of("b"))
                .on(C, RpcResult.of("c"))
                .join(new BroadcastCluster());

        CompletableFuture<RpcResult> answer = invoker.invoke(Calls.of(Greeter.PING));

        assertThat(script.attempts()).containsExactlyInAnyOrder(A, B, C);
        assertThat(answer).isCompletedWithValueMatching(result -> "a".equals(result.value()));
    }

    @Test
    void broadcast_failsIfAnyInstanceFails_namingIt() {
        Invoker invoker = script.on(A, OK).on(B, BUSY).on(C, OK).join(new BroadcastCluster());

        Throwable failure = Futures.failure(invoker.invoke(Calls.of(Greeter.PING)));

        assertThat(script.attempts()).containsExactlyInAnyOrder(A, B, C);
        assertThat(failure)
                .isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SERVER_BUSY);
                    assertThat(e.notExecuted()).as("it ran on the others").isFalse();
                })
                .hasMessageContaining("after 1 attempt on [10.0.0.2:20880] (broadcast to 3 instances; 1 failed)");
    }

    @Test
    void broadcast_returnsABusinessExceptionFromAnyInstance() {
        RpcResult thrown = RpcResult.ofException(new IllegalStateException("stale"));
        Invoker invoker = script.on(A, OK).on(B, thrown).on(C, OK).join(new BroadcastCluster());

        assertThat(invoker.invoke(Calls.of(Greeter.PING))).isCompletedWithValue(thrown);
    }
}
