package io.courier.transport.internal.stream;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcContext;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.protocol.frame.InboundRequest;
import io.courier.protocol.frame.InboundStreamFrame;
import io.courier.protocol.frame.RequestHead;
import io.courier.protocol.frame.StreamFrameKind;
import io.courier.transport.ServiceExport;
import io.netty.buffer.ByteBuf;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider's end of one stream. Where the service's calls run, it decodes the open frame's
 * arguments, calls the method through the provider's invoker (filters included) and answers with
 * what it returns: the {@link Flow.Publisher} of a server or bidirectional stream is sent through an
 * {@link OutboundMessages} within the consumer's credit, the value of a client stream's future as one
 * message. A client or bidirectional stream method receives the consumer's messages as an {@link
 * InboundMessages} argument, credited {@code window} messages at a time. The provider's end (half-close
 * or error) ends the stream; a cancel from the consumer or the connection's end cancels both halves.
 * Thread-safe.
 */
public final class ServerStream implements Runnable, OutboundMessages.Listener, InboundMessages.Listener {

    private static final Logger log = LoggerFactory.getLogger(ServerStream.class);

    private final long id;
    private final AtomicBoolean ending = new AtomicBoolean();
    private final RequestHead<ServiceExport> head;
    private final InboundRequest request;
    private final ServerStreams owner;
    private final MethodDescriptor method;
    private final OutboundMessages outbound;
    /** The consumer's messages; {@code null} for a server stream, whose open half-closed the consumer. */
    private final InboundMessages inbound;

    private volatile boolean consumerHalfClosed;
    /** Ends the stream when the consumer's budget is spent; null without one. */
    private volatile ScheduledFuture<?> deadline;

    ServerStream(long id, RequestHead<ServiceExport> head, int initialCredit, int window, ServerStreams owner) {
        this.id = id;
        this.head = head;
        this.request = head.request();
        this.owner = owner;
        this.method = head.method();
        this.outbound =
                new OutboundMessages(id, initialCredit, head.serializer(), method.resultType(), owner.out(), this);
        this.inbound = method.streamParameter() >= 0 ? new InboundMessages(id, method.toString(), this, window) : null;
        this.consumerHalfClosed = inbound == null;
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
        if (inbound != null) {
            Object[] arguments = invocation.arguments();
            arguments[method.streamParameter()] = inbound;
            Invocation withMessages =
                    Invocation.of(invocation.serviceKey(), method, arguments, invocation.attachments());
            invocation = invocation.hasDeadline()
                    ? withMessages.withDeadlineNanos(invocation.deadlineNanos())
                    : withMessages;
        }
        if (invocation.hasDeadline() && !watchDeadline(invocation.remainingNanos(System.nanoTime()))) {
            return;
        }
        StreamConnection connection = owner.connection();
        RpcContext.Scope scope = RpcContext.serve(invocation, connection.remote(), connection.peer());
        try {
            CompletableFuture<RpcResult> result = head.service().invoker().invoke(invocation);
            if (result == null) {
                fail(new RpcException(ErrorCode.PROVIDER_ERROR, "provider invoker returned no future"));
            } else {
                result.whenComplete(this::started);
            }
        } catch (RuntimeException | Error e) {
            fail(StreamFailures.of(e));
        } finally {
            scope.close();
        }
    }

    /** The method returned: send what it answered, or end the stream with why it did not. */
    private void started(RpcResult result, Throwable thrown) {
        if (thrown != null) {
            fail(StreamFailures.of(thrown));
        } else if (result.hasException()) {
            fail(StreamFailures.of(result.exception()));
        } else if (!method.serverStream()) {
            answer(result.value());
        } else if (result.value() instanceof Flow.Publisher<?> publisher) {
            @SuppressWarnings("unchecked")
            Flow.Publisher<Object> messages = (Flow.Publisher<Object>) publisher;
            try {
                messages.subscribe(outbound);
            } catch (RuntimeException e) {
                fail(StreamFailures.of(e));
            }
        } else {
            fail(new RpcException(
                    ErrorCode.PROVIDER_ERROR,
                    method + " returned " + (result.value() == null ? "null" : "no Flow.Publisher")
                            + " (expected: a Flow.Publisher)"));
        }
    }

    /** A client stream's single answer: one message and the end. */
    private void answer(Object value) {
        StreamChannel out = owner.out();
        ByteBuf frame;
        try {
            frame = out.frames().message(out.channel().alloc(), id, head.serializer(), value, method.resultType());
        } catch (RpcException e) {
            fail(e);
            return;
        }
        if (owner.end(this, () -> {
            out.sendMessage(frame);
            out.signal(id, StreamFrameKind.HALF_CLOSE);
        })) {
            stopInbound();
        } else {
            frame.release();
        }
    }

    /**
     * The consumer's budget bounds the whole stream here too, so that a consumer that goes quiet
     * without cancelling cannot hold it open; false if it is spent already (the stream is ended).
     */
    private boolean watchDeadline(long leftNanos) {
        RpcException spent = new RpcException(
                ErrorCode.TIMEOUT, false, "stream " + id + " did not end within the consumer's budget", null);
        if (leftNanos <= 0) {
            fail(spent);
            return false;
        }
        deadline =
                owner.connection().channel().eventLoop().schedule(() -> fail(spent), leftNanos, TimeUnit.NANOSECONDS);
        return true;
    }

    /** The stream has left its connection's table: stops the deadline's timer. */
    /** Claims the stream's end: true for the one caller that gets there first. */
    boolean claimEnd() {
        return ending.compareAndSet(false, true);
    }

    /** Whether the stream's end has been claimed (it may not have left the table yet). */
    boolean ending() {
        return ending.get();
    }

    void left() {
        ScheduledFuture<?> pending = deadline;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    /** The executor would not take the stream: releases the request it holds. */
    void dropped() {
        request.release();
    }

    /** More credit for this side's messages (a window frame); false if the total would pass 2^31-1. */
    boolean windowFromConsumer(int more) {
        return outbound.grant(more);
    }

    /**
     * A message from the consumer; returns the violation it is, or {@code null}. Decoded here, on the
     * IO thread, under the service's allow-list.
     */
    String onConsumerMessage(InboundStreamFrame frame) {
        if (consumerHalfClosed) {
            return inbound == null
                    ? "message after the consumer's half-close (a server stream takes none)"
                    : "message after the consumer's half-close";
        }
        Object value;
        try {
            value = owner.out()
                    .frames()
                    .readMessage(
                            frame,
                            method.streamMessageType(),
                            head.serializer(),
                            head.service().policy());
        } catch (RpcException e) {
            return "unreadable message: " + e.getMessage();
        }
        owner.out().gauges().received(frame.bodyLength());
        if (value == null) {
            return "a null message";
        }
        return inbound.onMessage(value) ? null : "window overflow: more messages than the credit granted";
    }

    /** The consumer sends no more messages. */
    void onConsumerHalfClose() {
        if (!consumerHalfClosed) {
            consumerHalfClosed = true;
            inbound.onCompleted();
        }
    }

    /** Ends the stream from this side with {@code error}, cancelling the publisher. */
    void fail(RpcException error) {
        outbound.cancel();
        if (owner.end(this, () -> owner.out().error(id, error))) {
            stopInbound();
        }
    }

    /** The consumer cancelled, or the connection is gone; the stream has left the table. */
    void cancelledByPeer() {
        outbound.cancel();
        if (inbound != null) {
            inbound.failLocally(new RpcException(ErrorCode.NETWORK, "the consumer cancelled stream " + id));
        }
    }

    private void stopInbound() {
        if (inbound != null) {
            inbound.failLocally(new RpcException(ErrorCode.CLOSED, "stream " + id + " ended by the provider"));
        }
    }

    @Override
    public void completed() {
        if (owner.end(this, () -> owner.out().signal(id, StreamFrameKind.HALF_CLOSE))) {
            stopInbound();
        }
    }

    @Override
    public void failed(RpcException error) {
        fail(error);
    }

    @Override
    public void grant(int credit) {
        if (owner.isOpen(this)) {
            owner.out().window(id, credit);
        }
    }

    @Override
    public void cancelled() {
        // The method no longer wants the consumer's messages: the stream ends, both ways.
        outbound.cancel();
        owner.end(this, () -> owner.out().signal(id, StreamFrameKind.CANCEL));
    }
}
