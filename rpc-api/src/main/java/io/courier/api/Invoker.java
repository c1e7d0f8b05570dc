package io.courier.api;

import io.courier.api.internal.BrokenContract;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * Something that can carry out a call: a remote provider, a cluster of them, a filter chain, or
 * the local implementation behind a provider dispatcher. Every invoker is asynchronous.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@code invoke} never blocks and never throws; a failure completes the future exceptionally.
 *   <li>A business exception thrown by the implementation completes the future normally with an
 *       {@link RpcResult} holding it.
 *   <li>A framework failure completes the future exceptionally with an {@link RpcException} whose
 *       {@link ErrorCode} and {@link RpcException#notExecuted()} say what happened.
 *   <li>The future may complete on any thread, including a Netty IO thread: dependent stages must
 *       not block.
 * </ul>
 *
 * Implementations are thread-safe.
 */
@FunctionalInterface
public interface Invoker {

    /** Starts the call and returns its outcome. */
    CompletableFuture<RpcResult> invoke(Invocation invocation);

    /**
     * Starts the call and hands its outcome to {@code whenDone}, once: the result, or the failure
     * (possibly wrapped in a {@link java.util.concurrent.CompletionException}; {@link RpcException#from}
     * unwraps it). For a caller that acts on the outcome and has no use for a future of its own (the
     * cluster's per-instance invoker): an implementation that can tell its caller directly overrides
     * it and makes no future, no completion stage, and no extra hop on the thread that completes the
     * call (Courier's transport does: its IO thread runs {@code whenDone} as it reads the answer).
     * There is nothing to cancel: a call started this way ends by its answer, its timeout or its
     * connection's end.
     *
     * <p>Same contract as {@link #invoke(Invocation)}: never blocks, never throws. {@code whenDone}
     * runs on the thread that completes the call (possibly an IO thread: it must not block), or on
     * this one when the call fails at once; what it throws is not the call's business and is lost. The
     * default is {@code invokeSafely(this, invocation).whenComplete(whenDone)}.
     */
    default void invoke(Invocation invocation, BiConsumer<RpcResult, Throwable> whenDone) {
        invokeSafely(this, invocation).whenComplete(whenDone);
    }

    /**
     * {@code invoker.invoke(invocation)}, keeping the contract when the invoker breaks it: a thrown
     * {@link RpcException} fails the future as it is, any other exception (or linkage error) fails it
     * with an {@link RpcException} coded {@link ErrorCode#UNKNOWN} (the invoker may have sent the
     * request before it threw), and a {@code null} future likewise. The one guard for code that calls
     * an invoker it did not write (the in-flight count, the filter chain's exit, the per-endpoint
     * invoker, the cluster strategies); the failure message names the invoker by its
     * {@code toString()}. It costs its caller one stack frame, which the call path's frame budget
     * ({@code CallPathTest}) counts.
     */
    static CompletableFuture<RpcResult> invokeSafely(Invoker invoker, Invocation invocation) {
        try {
            return BrokenContract.nonNull(invoker.invoke(invocation), invoker, invocation);
        } catch (RuntimeException | LinkageError e) {
            return BrokenContract.thrown(e, invoker, invocation);
        }
    }

    /**
     * Whether a call started now could reach its target, as far as this invoker knows without
     * trying: the invoker of a remote provider answers {@code false} while the provider cannot be
     * reached (its connection was lost and reconnecting in the background fails, or it announced that
     * it is going away), so that a cluster sends calls elsewhere instead of into a failure. Cheap,
     * non-blocking and lock-free: it may be asked on every call. The default is {@code true}.
     */
    default boolean available() {
        return true;
    }

    /**
     * Whether a call of {@code method} started now could be carried out, as far as this invoker
     * knows without trying: {@link #available()}, and no per-method guard (such as an open circuit
     * breaker) would refuse it at once. A cluster uses it to pick among instances, and a tagged call
     * falls back to untagged instances when none of the tagged ones is available. Same cost
     * contract as {@link #available()}; the default is {@link #available()}.
     */
    default boolean available(MethodDescriptor method) {
        return available();
    }

    /**
     * The invoker this one decorates, or this invoker itself (the default) when it decorates none.
     * A decorator (one that holds another invoker and passes calls to it) overrides it, so that
     * {@link #as(Class)} sees through it.
     */
    default Invoker unwrap() {
        return this;
    }

    /**
     * This invoker, or the nearest invoker under it (through {@link #unwrap()}), that is a
     * {@code type}; empty when none is. The one way to ask a decorated invoker for what it wraps
     * (Armeria's {@code Unwrappable.as}): code that needs a particular invoker asks for it here
     * rather than testing {@code instanceof} on what it was handed, which a decorator would defeat.
     * For assembling a chain, not for every call.
     */
    default <T> Optional<T> as(Class<T> type) {
        Invoker current = this;
        // bounded: a decorator that unwraps to one of its own decorators must not hang the caller
        for (int depth = 0; depth < 64; depth++) {
            if (type.isInstance(current)) {
                return Optional.of(type.cast(current));
            }
            Invoker next = current.unwrap();
            if (next == null || next == current) {
                return Optional.empty();
            }
            current = next;
        }
        return Optional.empty();
    }
}
