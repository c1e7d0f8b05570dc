package io.courier.api.filter;

import io.courier.api.RpcResult;
import java.util.concurrent.Flow;

/**
 * What a {@link Filter} is told about one stream as it runs: each message and the stream's end. A
 * stream call's result is an {@link RpcResult} whose value is a {@link Flow.Publisher} (on the
 * provider: the publisher the method returned, before the transport subscribes to it; on the
 * consumer: the stream's publisher, before the proxy subscribes to it); a filter that wants to see
 * the stream end passes that result through {@link #watch(RpcResult, StreamWatch)} and answers with
 * what it returns.
 *
 * <p>The watched publisher buffers nothing and passes every signal and every {@code request(n)}
 * straight through; {@link #onMessage()} runs on the thread that delivers the message, before the
 * subscriber gets it, and {@link #onEnd} exactly once per watched publisher: when its subscriber
 * is told {@code onComplete} or {@code onError}, or cancels, whichever comes first. Callbacks must
 * be quick and must not throw (an exception is swallowed so that the stream carries on).
 */
public interface StreamWatch {

    /** A message is about to reach the subscriber. Serial per stream. */
    default void onMessage() {}

    /**
     * The stream ended, once.
     *
     * @param messages the messages that reached the subscriber
     * @param failure why it failed ({@code onError}), or {@code null} if it completed or was cancelled
     * @param cancelled whether the subscriber cancelled it
     */
    void onEnd(long messages, Throwable failure, boolean cancelled);

    /**
     * {@code result} with its publisher watched by {@code watch}; {@code result} itself, and
     * {@code watch} never told anything, when its value is not a {@link Flow.Publisher} or it holds an
     * exception.
     */
    static RpcResult watch(RpcResult result, StreamWatch watch) {
        if (result == null || result.hasException() || !(result.value() instanceof Flow.Publisher<?> publisher)) {
            return result;
        }
        return RpcResult.of(new WatchedPublisher<>(publisher, watch), result.attachments());
    }

    /** Whether {@code result} answers a stream: its value is a {@link Flow.Publisher}. */
    static boolean isStream(RpcResult result) {
        return result != null && !result.hasException() && result.value() instanceof Flow.Publisher<?>;
    }
}
