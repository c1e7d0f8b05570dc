package io.courier.transport.internal;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.RpcContext;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.protocol.InboundRequest;
import io.courier.protocol.RequestHead;
import io.courier.protocol.StreamFrameKind;
import io.courier.transport.ServiceExport;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider's end of one server stream. Where the service's calls run, it decodes the open
 * frame's arguments, calls the method through the provider's invoker (filters included) and
 * subscribes to the {@link Flow.Publisher} it returns. It requests from that publisher exactly the
 * credit the consumer granted, so the publisher never produces more than the consumer can take; a
 * publisher that emits more than requested breaks its contract and the stream fails with {@code
 * PROVIDER_ERROR}. Each message is encoded on the publisher's thread and queued for the connection.
 * Completion sends a half-close, an error an error frame with its code; a cancel from the consumer
 * or the connection's end cancels the subscription. Thread-safe.
 */
final class ServerStream implements Runnable, Flow.Subscriber<Object> {

    private static final Logger log = LoggerFactory.getLogger(ServerStream.class);

    private final long id;
    private final RequestHead<ServiceExport> head;
    private final InboundRequest request;
    private final ServerStreams owner;
    /** Messages the consumer granted and this side has not sent yet. */
    private final AtomicLong credit;

    // Guarded by this.
    private Flow.Subscription subscription;
    private long unrequested;
    private boolean cancelled;

    ServerStream(long id, RequestHead<ServiceExport> head, int initialCredit, ServerStreams owner) {
        this.id = id;
        this.head = head;
        this.request = head.request();
        this.owner = owner;
        this.credit = new AtomicLong(initialCredit);
        this.unrequested = initialCredit;
    }

    long id() {
        return id;
    }

    @Override
    public void run() {
        Invocation invocation;
        try {
            invocation = owner.server().bodyDecoder().decodeRequest(head).invocation();
        } catch (RpcException e) {
            fail(e);
            return;
        } catch (RuntimeException e) {
            log.warn("stream {} could not be decoded", id, e);
            fail(new RpcException(ErrorCode.BAD_REQUEST, true, "stream open could not be decoded", null));
            return;
        } finally {
            request.release();
        }
        ServerConnection connection = owner.connection();
        RpcContext.Scope scope = RpcContext.serve(invocation.attachments(), connection.remote(), connection.peer());
        try {
            CompletableFuture<RpcResult> result = head.service().invoker().invoke(invocation);
            if (result == null) {
                fail(new RpcException(ErrorCode.PROVIDER_ERROR, "provider invoker returned no future"));
            } else {
                result.whenComplete(this::started);
            }
        } catch (RuntimeException | Error e) {
            fail(failure(e));
        } finally {
            scope.close();
        }
    }

    /** The method returned: subscribe to its publisher, or end the stream with why it did not. */
    private void started(RpcResult result, Throwable thrown) {
        if (thrown != null) {
            fail(failure(thrown));
        } else if (result.hasException()) {
            fail(failure(result.exception()));
        } else if (result.value() instanceof Flow.Publisher<?> publisher) {
            @SuppressWarnings("unchecked")
            Flow.Publisher<Object> messages = (Flow.Publisher<Object>) publisher;
            try {
                messages.subscribe(this);
            } catch (RuntimeException e) {
                fail(failure(e));
            }
        } else {
            fail(new RpcException(
                    ErrorCode.PROVIDER_ERROR,
                    head.method() + " returned " + (result.value() == null ? "null" : "no Flow.Publisher")
                            + " (expected: a Flow.Publisher)"));
        }
    }

    /** The executor would not take the stream: releases the request it holds. */
    void dropped() {
        request.release();
    }

    /** More credit from the consumer; false if the total would pass 2^31-1 messages. */
    boolean grant(int more) {
        Flow.Subscription target;
        synchronized (this) {
            if (credit.get() + more > Integer.MAX_VALUE) {
                return false;
            }
            credit.addAndGet(more);
            target = subscription;
            if (target == null) {
                unrequested += more;
            }
        }
        if (target != null) {
            target.request(more);
        }
        return true;
    }

    @Override
    public void onSubscribe(Flow.Subscription candidate) {
        long first;
        synchronized (this) {
            if (subscription != null || cancelled) {
                first = -1;
            } else {
                subscription = candidate;
                first = unrequested;
                unrequested = 0;
            }
        }
        if (first < 0) {
            candidate.cancel();
        } else if (first > 0) {
            candidate.request(first);
        }
    }

    @Override
    public void onNext(Object value) {
        if (!open()) {
            return;
        }
        if (credit.decrementAndGet() < 0) {
            fail(new RpcException(
                    ErrorCode.PROVIDER_ERROR,
                    "the publisher of " + head.method() + " emitted more messages than were requested"));
            return;
        }
        StreamChannel out = owner.out();
        ByteBuf frame;
        try {
            frame = out.frames()
                    .message(
                            out.channel().alloc(),
                            id,
                            head.serializer(),
                            value,
                            head.method().resultType());
        } catch (RpcException e) {
            fail(e);
            return;
        }
        out.send(frame);
    }

    @Override
    public void onError(Throwable error) {
        if (owner.end(this)) {
            owner.out().error(id, failure(error));
        }
    }

    @Override
    public void onComplete() {
        if (owner.end(this)) {
            owner.out().signal(id, StreamFrameKind.HALF_CLOSE);
        }
    }

    /** Ends the stream from this side with {@code error}, cancelling the publisher. */
    void fail(RpcException error) {
        cancelUpstream();
        if (owner.end(this)) {
            owner.out().error(id, error);
        }
    }

    /** The consumer cancelled, or the connection is gone; the stream has left the table. */
    void cancelledByPeer() {
        cancelUpstream();
    }

    private boolean open() {
        synchronized (this) {
            return !cancelled;
        }
    }

    private void cancelUpstream() {
        Flow.Subscription target;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            target = subscription;
        }
        if (target != null) {
            target.cancel();
        }
    }

    /** What the consumer is told of a failure: an {@link RpcException} as it is, anything else by class and message. */
    private static RpcException failure(Throwable thrown) {
        Throwable cause =
                thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (cause instanceof RpcException rpc) {
            return rpc;
        }
        return new RpcException(
                ErrorCode.UNKNOWN,
                false,
                cause.getClass().getName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                null);
    }
}
