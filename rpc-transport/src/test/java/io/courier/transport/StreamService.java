package io.courier.transport;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/** The server streams the transport's stream tests call; {@link StreamProvider} implements it. */
public interface StreamService {

    /** Emits 0 to {@code count - 1}, as requested, then completes. */
    Flow.Publisher<Long> count(long count);

    /** Emits {@code count} arrays of {@code size} bytes, as requested, then completes. */
    Flow.Publisher<byte[]> blobs(int count, int size);

    /**
     * Emits 0 to {@code before - 1}, then fails with an {@link io.courier.api.RpcException} of the
     * error code named {@code code}, or with an {@link IllegalStateException} for {@code "business"}.
     */
    Flow.Publisher<Long> failAfter(int before, String code);

    /** Emits 0, 1, 2, ... as requested, until cancelled. */
    Flow.Publisher<Long> endless();

    /** Never emits; records what it was asked for and whether it was cancelled. */
    Flow.Publisher<Long> silent();

    /** A client stream: the sum of the numbers, once they end. */
    CompletableFuture<Long> sum(Flow.Publisher<Long> numbers);

    /** A bidirectional stream: every number back, in order, at the pace the caller takes them. */
    Flow.Publisher<Long> echo(Flow.Publisher<Long> numbers);

    /** Takes {@code take} numbers, then cancels the caller's messages; answers nothing. */
    Flow.Publisher<Long> takeThenCancel(Flow.Publisher<Long> numbers, int take);

    /** Subscribes to the numbers and asks for none; answers nothing. */
    Flow.Publisher<Long> hold(Flow.Publisher<Long> numbers);

    /** Not a stream: the tests open a stream on it to be refused. */
    String plain(String text);
}
