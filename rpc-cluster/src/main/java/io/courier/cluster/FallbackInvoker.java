package io.courier.cluster;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code @Reference(fallback = X.class)}: when the primary invoker fails with a framework error
 * (the cluster gave up, no provider, a circuit is open), the fallback invoker answers the same
 * call, typically a provider dispatcher over an {@code X} instance built with the
 * {@link io.courier.api.proxy.ProxyFactory}.
 *
 * <p>What falls back: every {@link RpcException} except {@link ErrorCode#FORBIDDEN}, which is a
 * security decision a fallback must not paper over. A business exception is an answer and is
 * returned as it is. If the fallback itself fails, its failure is returned with the primary failure
 * added as suppressed.
 *
 * <p>Wrap the whole consumer chain (filters included), so that a circuit breaker's
 * {@link ErrorCode#CIRCUIT_OPEN} also reaches the fallback. Thread-safe.
 */
public final class FallbackInvoker implements Invoker {

    private static final Logger log = LoggerFactory.getLogger(FallbackInvoker.class);

    private final Invoker primary;
    private final Invoker fallback;

    private FallbackInvoker(Invoker primary, Invoker fallback) {
        this.primary = primary;
        this.fallback = fallback;
    }

    /** An invoker calling {@code primary}, and {@code fallback} when {@code primary} gives up. */
    public static Invoker of(Invoker primary, Invoker fallback) {
        return new FallbackInvoker(
                Objects.requireNonNull(primary, "primary"), Objects.requireNonNull(fallback, "fallback"));
    }

    @Override
    public CompletableFuture<RpcResult> invoke(Invocation invocation) {
        CompletableFuture<RpcResult> result = new CompletableFuture<>();
        Invoker.invokeSafely(primary, invocation).whenComplete((answer, failure) -> {
            if (failure == null) {
                result.complete(answer);
                return;
            }
            RpcException cause = RpcException.from(failure);
            if (cause.code() == ErrorCode.FORBIDDEN) {
                result.completeExceptionally(cause);
                return;
            }
            log.debug("Falling back for {}: {}", invocation, cause.getMessage());
            Invoker.invokeSafely(fallback, invocation).whenComplete((fallbackAnswer, fallbackFailure) -> {
                if (fallbackFailure == null) {
                    result.complete(fallbackAnswer);
                } else {
                    Throwable unwrapped = RpcException.unwrap(fallbackFailure);
                    unwrapped.addSuppressed(cause);
                    result.completeExceptionally(unwrapped);
                }
            });
        });
        return result;
    }

    /** The primary invoker: the fallback decorates it. */
    @Override
    public Invoker unwrap() {
        return primary;
    }
}
