package io.courier.protocol.frame;

import io.courier.api.RpcContext;
import io.courier.api.internal.Budgets;
import io.netty.buffer.ByteBuf;

/**
 * A call request as it left the IO thread: the header is checked, the body is still bytes. Decode
 * the body on the business executor with {@link BodyDecoder#decodeRequest}.
 *
 * <p>Owns one reference to its body. Whoever takes it from the pipeline releases it exactly once
 * ({@link #release()}), after decoding or instead of decoding (e.g. when the executor refuses the
 * call). Decoding does not release it.
 *
 * <p>It records when its frame was read ({@link #receivedNanos()}); decoding turns a request's time
 * budget into its typed deadline (receive time + budget, {@code Invocation.deadlineNanos()}) and
 * stamps the receive time as the local attachment {@value #RECEIVED_NANOS_ATTACHMENT} (for the served
 * request's context, which calls made while serving inherit from), so that time spent waiting for
 * the executor counts against the budget.
 */
public final class InboundRequest extends BodyHolder implements InboundFrame {

    private final long requestId;
    private final byte serializerId;
    private final boolean oneway;
    private final long receivedNanos;

    /**
     * The attachment with a call's remaining time budget in milliseconds, as the consumer's deadline
     * filter sends it.
     */
    public static final String BUDGET_ATTACHMENT = Budgets.ATTACHMENT;

    /**
     * The local attachment with the {@link System#nanoTime()} at which the request was read, set by
     * decoding on requests that carry {@value #BUDGET_ATTACHMENT}; a value sent by the peer is
     * always dropped, since another process's clock means nothing here.
     */
    public static final String RECEIVED_NANOS_ATTACHMENT = RpcContext.RECEIVED_NANOS;

    InboundRequest(long requestId, byte serializerId, boolean oneway, ByteBuf body) {
        this(requestId, serializerId, oneway, body, System.nanoTime());
    }

    InboundRequest(long requestId, byte serializerId, boolean oneway, ByteBuf body, long receivedNanos) {
        super(body);
        this.requestId = requestId;
        this.serializerId = serializerId;
        this.oneway = oneway;
        this.receivedNanos = receivedNanos;
    }

    /** The {@link System#nanoTime()} at which the frame was read. */
    public long receivedNanos() {
        return receivedNanos;
    }

    @Override
    public long requestId() {
        return requestId;
    }

    /** The serializer id from the header: one this node has installed, not yet checked per service. */
    public byte serializerId() {
        return serializerId;
    }

    /** Whether the caller waits for no answer; a oneway request is never answered, not even with an error. */
    public boolean oneway() {
        return oneway;
    }

    @Override
    public String toString() {
        return "InboundRequest(id " + requestId + ", serializer " + serializerId + (oneway ? ", oneway, " : ", ")
                + bodyLength() + " bytes)";
    }
}
