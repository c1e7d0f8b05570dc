package io.courier.transport.internal.stream;

import io.courier.api.Invocation;
import io.courier.api.RpcException;
import io.courier.transport.CallOptions;
import io.netty.util.Timeout;

/**
 * The consumer's end of one stream: the provider's messages ({@link #inbound()}, the publisher the
 * call returns) and, for a client or bidirectional stream, the consumer's own ({@link
 * OutboundMessages}, subscribed to the publisher the caller passed). Routes what either half asks to
 * its connection's {@link ClientStreams}. Thread-safe.
 */
public final class ClientStream implements InboundMessages.Listener, OutboundMessages.Listener {

    private final long id;
    private final Invocation invocation;
    private final CallOptions options;
    private final ClientStreams owner;
    private final InboundMessages inbound;
    /** Exists from the start, so that no window frame can arrive before it; null for a server stream. */
    private final OutboundMessages outbound;

    private Timeout deadline;

    /**
     * @param sends whether the consumer sends messages too (a client or bidirectional stream); they
     *     wait for the provider's first window frame
     */
    ClientStream(long id, Invocation invocation, CallOptions options, ClientStreams owner, int window, boolean sends) {
        this.id = id;
        this.invocation = invocation;
        this.options = options;
        this.owner = owner;
        this.inbound = new InboundMessages(id, invocation.toString(), this, window);
        this.outbound = sends
                ? new OutboundMessages(
                        id, 0, options.serializer(), invocation.method().streamMessageType(), owner.out(), this)
                : null;
    }

    long id() {
        return id;
    }

    Invocation invocation() {
        return invocation;
    }

    CallOptions options() {
        return options;
    }

    /** The provider's messages, as the publisher the call returns. */
    InboundMessages inbound() {
        return inbound;
    }

    /** The consumer's messages of a client or bidirectional stream; {@code null} for a server stream. */
    OutboundMessages outbound() {
        return outbound;
    }

    synchronized void deadline(Timeout timeout) {
        deadline = timeout;
    }

    /** Ends this side's work once the stream has left its connection's table. */
    void left() {
        synchronized (this) {
            if (deadline != null) {
                deadline.cancel();
            }
        }
        if (outbound != null) {
            outbound.cancel();
        }
    }

    @Override
    public void grant(int credit) {
        owner.grant(this, credit);
    }

    @Override
    public void cancelled() {
        owner.cancel(this);
    }

    @Override
    public void completed() {
        owner.halfClose(this);
    }

    @Override
    public void failed(RpcException error) {
        owner.abort(this, error);
    }

    @Override
    public String toString() {
        return "ClientStream(" + id + ", " + invocation + ")";
    }
}
