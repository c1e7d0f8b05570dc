package io.courier.transport.internal.stream;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.protocol.frame.InboundRequest;
import io.courier.protocol.frame.InboundResponse;
import io.courier.protocol.frame.InboundStreamFrame;
import io.courier.protocol.frame.StreamFrameKind;
import io.courier.transport.CallOptions;
import io.courier.transport.internal.channel.NotSent;
import io.netty.buffer.ByteBuf;
import io.netty.util.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams a client connection opened, by stream id (ids come from the connection's request
 * ids, so an old provider's error response names the stream it refused). Owned by the connection:
 * when it closes, every stream left fails with {@link ErrorCode#NETWORK} at once. A stream leaves
 * the table exactly once: when the provider ends it, when the consumer cancels it, or when it fails
 * here. Frames for a stream no longer in the table (in flight when it ended) are dropped.
 * Thread-safe.
 */
public final class ClientStreams {

    private static final Logger log = LoggerFactory.getLogger(ClientStreams.class);

    private final ConcurrentHashMap<Long, ClientStream> streams = new ConcurrentHashMap<>();
    private final StreamChannel out;
    private final LongSupplier ids;
    private final Timer timer;
    private final int window;
    private final String peer;
    private volatile String closedReason;
    private volatile Runnable whenEmpty;

    public ClientStreams(StreamChannel out, LongSupplier ids, Timer timer, int window, String peer) {
        this.out = out;
        this.ids = ids;
        this.timer = timer;
        this.window = window;
        this.peer = peer;
    }

    /**
     * Opens a stream for {@code invocation}: the future completes with the stream's {@link
     * java.util.concurrent.Flow.Publisher} as soon as the open frame is queued, or fails "not
     * executed" if it cannot be written. Later failures reach the subscriber, never the future, so
     * nothing retries a stream once it may have started. For a client or bidirectional stream, the
     * caller's publisher is subscribed once the open frame is queued and asked only for what the
     * provider's window frames grant.
     */
    public CompletableFuture<RpcResult> open(Invocation invocation, CallOptions options) {
        MethodDescriptor method = invocation.method();
        Flow.Publisher<Object> messages = null;
        if (method.streamParameter() >= 0) {
            messages = publisher(invocation.argument(method.streamParameter()));
            if (messages == null) {
                return CompletableFuture.failedFuture(new RpcException(
                        ErrorCode.BAD_REQUEST,
                        true,
                        "argument " + method.streamParameter() + " of " + invocation + ": null (expected: a"
                                + " Flow.Publisher of the messages to send)",
                        null));
            }
        }
        long id = ids.getAsLong();
        ByteBuf frame;
        try {
            frame = out.frames().open(out.channel().alloc(), id, opened(invocation), options.serializer(), window);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(NotSent.of(e, invocation));
        }
        // The stream has its sending half before the open frame can reach the provider: the provider's
        // first window frame may come back before this thread runs on, and credit that finds no sending
        // half would be lost for good, stalling the stream.
        ClientStream stream = new ClientStream(id, invocation, options, this, window, messages != null);
        streams.put(id, stream);
        out.gauges().opened();
        String reason = closedReason;
        if (reason != null) {
            frame.release();
            end(stream);
            return CompletableFuture.failedFuture(
                    new RpcException(ErrorCode.NETWORK, true, reason + " (" + invocation + ")", null));
        }
        if (invocation.hasDeadline()) {
            try {
                stream.deadline(deadline(stream, invocation));
            } catch (RuntimeException e) {
                frame.release();
                end(stream);
                return CompletableFuture.failedFuture(NotSent.of(e, invocation));
            }
        }
        out.send(frame, true, reason2 -> {
            if (end(stream)) {
                stream.inbound()
                        .failLocally(new RpcException(
                                reason2,
                                true,
                                "stream " + id + " could not be opened: "
                                        + (reason2 == ErrorCode.GOING_AWAY ? "server going away" : "connection closed")
                                        + " (" + invocation + ")",
                                null));
            }
        });
        if (messages != null) {
            messages.subscribe(stream.outbound());
        }
        return CompletableFuture.completedFuture(RpcResult.of(stream.inbound()));
    }

    /** The timer that aborts {@code stream} when its invocation's deadline passes. */
    private io.netty.util.Timeout deadline(ClientStream stream, Invocation invocation) {
        long id = stream.id();
        return timer.newTimeout(
                t -> abort(
                        stream,
                        new RpcException(
                                ErrorCode.TIMEOUT,
                                "stream " + id + " of " + invocation + " did not end within its deadline" + " (" + peer
                                        + ")")),
                Math.max(0, invocation.remainingNanos(System.nanoTime())),
                TimeUnit.NANOSECONDS);
    }

    @SuppressWarnings("unchecked")
    private static Flow.Publisher<Object> publisher(Object argument) {
        return argument instanceof Flow.Publisher<?> publisher ? (Flow.Publisher<Object>) publisher : null;
    }

    StreamChannel out() {
        return out;
    }

    /** A stream frame from the provider (IO thread); does not release it. */
    void onFrame(InboundStreamFrame frame) {
        ClientStream stream = streams.get(frame.streamId());
        if (stream == null) {
            log.debug("dropping {} for a stream that has ended", frame);
            return;
        }
        StreamFrameKind kind = frame.kind();
        if (kind == null) {
            abort(
                    stream,
                    new RpcException(
                            ErrorCode.BAD_REQUEST,
                            "provider sent unknown stream frame kind " + frame.kindNumber() + " on stream "
                                    + stream.id() + " (" + peer + ")"));
            return;
        }
        switch (kind) {
            case MESSAGE -> onMessage(stream, frame);
            case HALF_CLOSE -> {
                if (end(stream)) {
                    stream.inbound().onCompleted();
                }
            }
            case ERROR -> onError(stream, frame);
            case CANCEL -> {
                if (end(stream)) {
                    stream.inbound()
                            .failLocally(new RpcException(
                                    ErrorCode.PROVIDER_ERROR,
                                    "provider cancelled stream " + stream.id() + " (" + peer + ")"));
                }
            }
            case WINDOW -> onWindow(stream, frame);
            default ->
                abort(
                        stream,
                        new RpcException(
                                ErrorCode.BAD_REQUEST,
                                "provider sent a " + kind + " frame on stream " + stream.id()
                                        + " (expected: message, half-close, error) (" + peer + ")"));
        }
    }

    private void onError(ClientStream stream, InboundStreamFrame frame) {
        RpcException error;
        try {
            error = out.frames().readError(frame);
        } catch (RpcException e) {
            error = new RpcException(ErrorCode.BAD_REQUEST, "unreadable stream error: " + e.getMessage());
        }
        if (!end(stream)) {
            return;
        }
        if (error.code() == ErrorCode.GOING_AWAY) {
            // the provider is shutting down and cuts the stream: messages not yet taken are moot
            stream.inbound().failLocally(error);
        } else {
            // the publisher's own error: after the messages it sent before it (docs/streaming.md)
            stream.inbound().onFailed(error);
        }
    }

    private void onMessage(ClientStream stream, InboundStreamFrame frame) {
        Object value;
        try {
            value = out.frames()
                    .readMessage(
                            frame,
                            stream.invocation().method().resultType(),
                            stream.options().serializer(),
                            stream.options().policy());
        } catch (RpcException e) {
            abort(stream, new RpcException(e.code(), false, "stream " + stream.id() + ": " + e.getMessage(), null));
            return;
        }
        out.gauges().received(frame.bodyLength());
        if (value == null) {
            abort(stream, new RpcException(ErrorCode.SERIALIZATION, "stream " + stream.id() + ": a null message"));
            return;
        }
        if (!stream.inbound().onMessage(value)) {
            abort(
                    stream,
                    new RpcException(
                            ErrorCode.BAD_REQUEST,
                            "window overflow on stream " + stream.id() + ": the provider sent more messages than the "
                                    + window + " granted (" + peer + ")"));
        }
    }

    private void onWindow(ClientStream stream, InboundStreamFrame frame) {
        OutboundMessages sending = stream.outbound();
        if (sending == null) {
            // A server stream's consumer sends no messages, so credit for it has no use.
            return;
        }
        int credit;
        try {
            credit = out.frames().readWindow(frame);
        } catch (RpcException e) {
            abort(stream, new RpcException(ErrorCode.BAD_REQUEST, "stream " + stream.id() + ": " + e.getMessage()));
            return;
        }
        if (!sending.grant(credit)) {
            abort(
                    stream,
                    new RpcException(
                            ErrorCode.BAD_REQUEST,
                            "window overflow on stream " + stream.id() + ": credit over 2^31-1 messages (" + peer
                                    + ")"));
        }
    }

    /**
     * An old provider's error response to an open frame it could not read (it does not know stream
     * frames): fails that stream with the provider's words; {@code false} if the id is no stream.
     */
    boolean onResponse(InboundResponse response, RpcException providerError) {
        ClientStream stream = streams.get(response.requestId());
        if (stream == null || !end(stream)) {
            return false;
        }
        stream.inbound()
                .failLocally(new RpcException(
                        providerError.code(),
                        true,
                        "provider does not take stream frames (is it an older Courier?): " + providerError.getMessage(),
                        null));
        return true;
    }

    /** Fails the stream a protocol error names, if it is one; {@code false} otherwise. */
    boolean fail(long id, RpcException failure) {
        ClientStream stream = streams.get(id);
        if (stream == null || !end(stream)) {
            return false;
        }
        stream.inbound().failLocally(failure);
        return true;
    }

    /** Grants the provider {@code credit} more messages of {@code stream}. */
    void grant(ClientStream stream, int credit) {
        if (streams.get(stream.id()) == stream) {
            out.window(stream.id(), credit);
        }
    }

    /** The subscriber cancelled: tell the provider, forget the stream. */
    void cancel(ClientStream stream) {
        if (end(stream)) {
            out.signal(stream.id(), StreamFrameKind.CANCEL);
        }
    }

    /** The consumer's publisher completed: no more messages from this side. */
    void halfClose(ClientStream stream) {
        if (streams.get(stream.id()) == stream) {
            out.signal(stream.id(), StreamFrameKind.HALF_CLOSE);
        }
    }

    /** Ends {@code stream} from this side with {@code failure}, telling the provider to stop. */
    void abort(ClientStream stream, RpcException failure) {
        cancel(stream);
        stream.inbound().failLocally(failure);
    }

    /** Takes {@code stream} out of the table; true for the one caller that did. */
    private boolean end(ClientStream stream) {
        if (streams.remove(stream.id(), stream)) {
            out.gauges().ended();
            stream.left();
            Runnable action = whenEmpty;
            if (action != null && streams.isEmpty()) {
                action.run();
            }
            return true;
        }
        return false;
    }

    /**
     * Runs {@code action} whenever the last stream leaves (and now if none is open): the connection
     * closes this way after "going away". The action may run more than once.
     */
    public void whenEmpty(Runnable action) {
        whenEmpty = action;
        if (streams.isEmpty()) {
            action.run();
        }
    }

    /** The connection closed: every open stream fails with {@link ErrorCode#NETWORK}, and later opens too. */
    public void failAll(String reason) {
        closedReason = reason + " (" + peer + ")";
        for (ClientStream stream : streams.values()) {
            if (end(stream)) {
                stream.inbound()
                        .failLocally(new RpcException(
                                ErrorCode.NETWORK,
                                false,
                                reason + " (" + peer + ", stream " + stream.id() + ")",
                                null));
            }
        }
    }

    /** Streams open now on this connection. */
    public int size() {
        return streams.size();
    }

    /**
     * The invocation as its open frame carries it. The provider ends a stream when the budget on the
     * wire is spent, so the budget must be that of the whole stream: the call's deadline when it has
     * one. Without one, the budget the consumer's deadline filter put on it is the reference's
     * per-attempt timeout, meant for a call, and would end every stream that outlives it (3 s by
     * default); it is left off.
     */
    private static Invocation opened(Invocation invocation) {
        return invocation.hasDeadline()
                ? invocation
                : invocation.withAttachment(InboundRequest.BUDGET_ATTACHMENT, null);
    }
}
