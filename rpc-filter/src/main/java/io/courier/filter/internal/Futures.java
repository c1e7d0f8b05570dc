package io.courier.filter.internal;

import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.filter.StreamWatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Future plumbing for filters that act when a call ends. */
public final class Futures {

    private static final Logger log = LoggerFactory.getLogger(Futures.class);

    private Futures() {}

    /**
     * A future with {@code call}'s outcome that completes only after {@code onDone} has seen it, so
     * that whoever waits for the call observes the filter's bookkeeping (a released permit, an ended
     * span) as done. {@code onDone} gets the result or the failure, unwrapped from
     * {@link CompletionException}; if it throws, that is logged and the outcome is still delivered.
     */
    public static CompletableFuture<RpcResult> whenDone(
            CompletableFuture<RpcResult> call, BiConsumer<RpcResult, Throwable> onDone) {
        if (call.isDone() && !call.isCompletedExceptionally()) {
            RpcResult result = call.getNow(null);
            runQuietly(onDone, result, null);
            return call;
        }
        CompletableFuture<RpcResult> relay = new CompletableFuture<>();
        call.whenComplete((result, failure) -> {
            Throwable cause = RpcException.unwrap(failure);
            runQuietly(onDone, result, cause);
            if (cause != null) {
                relay.completeExceptionally(cause);
            } else {
                relay.complete(result);
            }
        });
        return relay;
    }

    /**
     * Like {@link #whenDone}, but a call that answers a stream (its result's value is a {@code
     * Flow.Publisher}, see {@link StreamWatch}) is done only when that stream ends: instead of {@code
     * onDone}, {@code onStream} gets the result and returns the watch that is told the stream's
     * messages and end, and the future answers with the watched publisher.
     */
    public static CompletableFuture<RpcResult> whenDoneOrStreamEnds(
            CompletableFuture<RpcResult> call,
            BiConsumer<RpcResult, Throwable> onDone,
            Function<RpcResult, StreamWatch> onStream) {
        CompletableFuture<RpcResult> relay = new CompletableFuture<>();
        call.whenComplete((result, failure) -> {
            Throwable cause = RpcException.unwrap(failure);
            if (cause == null && StreamWatch.isStream(result)) {
                RpcResult watched = result;
                try {
                    watched = StreamWatch.watch(result, onStream.apply(result));
                } catch (RuntimeException e) {
                    log.warn("A filter's stream callback failed", e);
                }
                relay.complete(watched);
                return;
            }
            runQuietly(onDone, result, cause);
            if (cause != null) {
                relay.completeExceptionally(cause);
            } else {
                relay.complete(result);
            }
        });
        return relay;
    }

    private static void runQuietly(BiConsumer<RpcResult, Throwable> onDone, RpcResult result, Throwable failure) {
        try {
            onDone.accept(result, failure);
        } catch (RuntimeException e) {
            log.warn("A filter's completion callback failed", e);
        }
    }
}
