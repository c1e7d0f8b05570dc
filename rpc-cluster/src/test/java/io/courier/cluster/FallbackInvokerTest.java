package io.courier.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.ErrorCode;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.cluster.testing.Calls;
import io.courier.cluster.testing.Futures;
import io.courier.cluster.testing.Greeter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FallbackInvokerTest {

    private final AtomicInteger fallbackCalls = new AtomicInteger();
    private final Invoker fallback = invocation -> {
        fallbackCalls.incrementAndGet();
        return CompletableFuture.completedFuture(RpcResult.of("from fallback"));
    };

    @Test
    void primaryAnswer_isReturned_withoutCallingTheFallback() {
        Invoker invoker = FallbackInvoker.of(answering(RpcResult.of("primary")), fallback);

        assertThat(invoker.invoke(Calls.of(Greeter.HELLO, "x")))
                .isCompletedWithValueMatching(result -> "primary".equals(result.value()));
        assertThat(fallbackCalls).hasValue(0);
    }

    @Test
    void businessException_isAnAnswer_notAReasonToFallBack() {
        RpcResult thrown = RpcResult.ofException(new IllegalArgumentException("no such user"));
        Invoker invoker = FallbackInvoker.of(answering(thrown), fallback);

        assertThat(invoker.invoke(Calls.of(Greeter.HELLO, "x"))).isCompletedWithValue(thrown);
        assertThat(fallbackCalls).hasValue(0);
    }

    @Test
    void frameworkFailures_fallBack() {
        for (ErrorCode code : new ErrorCode[] {ErrorCode.NO_PROVIDER, ErrorCode.TIMEOUT, ErrorCode.CIRCUIT_OPEN}) {
            Invoker invoker = FallbackInvoker.of(failing(new RpcException(code, "gave up")), fallback);

            assertThat(invoker.invoke(Calls.of(Greeter.HELLO, "x")))
                    .isCompletedWithValueMatching(result -> "from fallback".equals(result.value()));
        }
        assertThat(fallbackCalls).hasValue(3);
    }

    @Test
    void forbidden_isNeverPaperedOver() {
        RpcException forbidden = new RpcException(ErrorCode.FORBIDDEN, "bad token");
        Invoker invoker = FallbackInvoker.of(failing(forbidden), fallback);

        assertThat(Futures.failure(invoker.invoke(Calls.of(Greeter.HELLO, "x"))))
                .isSameAs(forbidden);
        assertThat(fallbackCalls).hasValue(0);
    }

    @Test
    void failingFallback_reportsItsFailure_withThePrimaryOneSuppressed() {
        RpcException primary = new RpcException(ErrorCode.NO_PROVIDER, "no provider");
        IllegalStateException broken = new IllegalStateException("fallback broken");
        Invoker invoker = FallbackInvoker.of(failing(primary), failing(broken));

        Throwable failure = Futures.failure(invoker.invoke(Calls.of(Greeter.HELLO, "x")));

        assertThat(failure).isSameAs(broken);
        assertThat(failure.getSuppressed()).containsExactly(primary);
    }

    @Test
    void primaryThatThrows_fallsBack() {
        Invoker throwing = invocation -> {
            throw new IllegalStateException("contract broken");
        };

        assertThat(FallbackInvoker.of(throwing, fallback).invoke(Calls.of(Greeter.HELLO, "x")))
                .isCompletedWithValueMatching(result -> "from fallback".equals(result.value()));
    }

    private static Invoker answering(RpcResult result) {
        return invocation -> CompletableFuture.completedFuture(result);
    }

    private static Invoker failing(Throwable failure) {
        return invocation -> CompletableFuture.failedFuture(failure);
    }
}
