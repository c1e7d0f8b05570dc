package io.courier.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.internal.CallOutcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class InFlightCallsTest {

    private static final Invocation CALL = Fixtures.call(Echo.class, "echo", "x");

    private final InFlightCalls calls = new InFlightCalls();

    @Test
    void clusterOutcome_isCountedUntilAnswered_andReturnedAsItIs() {
        CallOutcome answer = new CallOutcome();
        Invoker tracked = calls.track(invocation -> answer);

        CompletableFuture<RpcResult> returned = tracked.invoke(CALL);

        assertThat(returned).isSameAs(answer);
        assertThat(calls.outstanding()).isEqualTo(1);
        answer.complete(RpcResult.of("x"));
        assertThat(calls.outstanding()).isZero();
    }

    @Test
    void clusterOutcomeWithAnActionAlready_isCountedThroughAStage() {
        CallOutcome answer = new CallOutcome();
        answer.whenDoneRun(() -> {});
        Invoker tracked = calls.track(invocation -> answer);

        tracked.invoke(CALL);

        assertThat(calls.outstanding()).isEqualTo(1);
        answer.completeExceptionally(new RpcException(ErrorCode.NETWORK, "gone"));
        assertThat(calls.outstanding()).isZero();
    }

    @Test
    void plainFuture_isCountedUntilAnswered() {
        CompletableFuture<RpcResult> answer = new CompletableFuture<>();
        Invoker tracked = calls.track(invocation -> answer);

        tracked.invoke(CALL);

        assertThat(calls.outstanding()).isEqualTo(1);
        answer.complete(RpcResult.of("x"));
        assertThat(calls.outstanding()).isZero();
    }

    @Test
    void afterClose_callsAreRefusedAsNotExecuted() {
        Invoker tracked = calls.track(invocation -> CompletableFuture.completedFuture(RpcResult.of("x")));
        assertThat(calls.close(System.nanoTime())).isZero();

        CompletableFuture<RpcResult> refused = tracked.invoke(CALL);

        assertThat(refused).isCompletedExceptionally();
        RpcException failure =
                (RpcException) refused.handle((r, e) -> e instanceof CompletionException c ? c.getCause() : e)
                        .join();
        assertThat(failure.code()).isEqualTo(ErrorCode.CLOSED);
        assertThat(calls.outstanding()).isZero();
    }
}
