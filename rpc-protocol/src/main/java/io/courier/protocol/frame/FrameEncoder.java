package io.courier.protocol.frame;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.internal.Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import java.util.Objects;

/**
 * Writes {@link OutboundFrame}s as bytes, serializing straight into the outgoing buffer; passes any
 * other message through. Stateless and {@linkplain ChannelHandler.Sharable sharable}.
 *
 * <p>Encoding happens on the thread that runs {@link #write}, the channel's event loop. A caller
 * that prefers to serialize on its own thread (a business executor answering a call) calls {@link
 * #encode} there and writes the returned buffer instead.
 *
 * <p>A request that cannot be written fails its write promise with an {@link RpcException} ({@code
 * SERIALIZATION}, {@code BAD_REQUEST} for attachments over the caps, or {@code PAYLOAD_TOO_LARGE});
 * nothing was sent, so {@link RpcException#notExecuted()} is true. A response whose result cannot be
 * written is replaced by an error response, so the caller always gets an answer.
 */
@ChannelHandler.Sharable
public final class FrameEncoder extends ChannelOutboundHandlerAdapter {

    private final ProtocolOptions options;
    private final FrameSizes sizes = new FrameSizes();

    public FrameEncoder(ProtocolOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof OutboundFrame frame)) {
            ctx.write(msg, promise);
            return;
        }
        ByteBuf encoded;
        try {
            encoded = encode(ctx.alloc(), frame);
        } catch (RpcException e) {
            promise.setFailure(e);
            return;
        }
        ctx.write(encoded, promise);
    }

    /**
     * Encodes {@code frame} into a new buffer from {@code allocator}; the caller owns the buffer.
     * Safe to call from any thread.
     *
     * @throws RpcException if a request cannot be written (see the class description)
     */
    public ByteBuf encode(ByteBufAllocator allocator, OutboundFrame frame) {
        Objects.requireNonNull(frame, "frame");
        int maxCapacity = Header.LENGTH + options.maxFrameLength();
        Object sizeKey = sizeKey(frame);
        // A limit below the usual first size must still give a valid buffer: asking for more than
        // the maximum throws an IllegalArgumentException no caller expects, and the call never ends.
        ByteBuf out = allocator.ioBuffer(Math.min(sizes.initialCapacity(sizeKey), maxCapacity), maxCapacity);
        try {
            if (frame instanceof OutboundRequest request) {
                encodeRequest(out, request);
            } else if (frame instanceof OutboundResponse response) {
                ResponseWriter.write(out, response, options);
            } else if (frame instanceof Heartbeat heartbeat) {
                int start = Header.start(
                        out,
                        0,
                        Header.FLAG_HEARTBEAT | (heartbeat.response() ? Header.FLAG_RESPONSE : 0),
                        0,
                        heartbeat.requestId());
                Header.finish(out, start);
            } else if (frame instanceof CancelRequest cancel) {
                int start = Header.start(out, 0, Header.FLAG_EVENT | Header.FLAG_ONEWAY, 0, 0);
                out.writeByte(Header.EVENT_CANCEL);
                out.writeLong(cancel.cancelledId());
                Header.finish(out, start);
            } else {
                int start = Header.start(out, 0, Header.FLAG_EVENT | Header.FLAG_ONEWAY, 0, 0);
                out.writeByte(Header.EVENT_GOING_AWAY);
                Header.finish(out, start);
            }
            sizes.record(sizeKey, out.readableBytes());
            return out;
        } catch (RuntimeException | Error e) {
            out.release();
            throw e;
        }
    }

    /** What frames of the same size are keyed by: the method of a request, the result type of a response. */
    private static Object sizeKey(OutboundFrame frame) {
        if (frame instanceof OutboundRequest request) {
            return request.invocation().method();
        }
        if (frame instanceof OutboundResponse response && !response.isError()) {
            return response.resultType();
        }
        return null;
    }

    private void encodeRequest(ByteBuf out, OutboundRequest request) {
        try {
            RequestWriter.write(out, request, options);
        } catch (IndexOutOfBoundsException e) {
            throw RequestWriter.tooLarge(options);
        } catch (RpcException e) {
            throw e.notExecuted() ? e : new RpcException(e.code(), true, e.getMessage(), e.getCause());
        } catch (RuntimeException e) {
            throw new RpcException(
                    ErrorCode.SERIALIZATION,
                    true,
                    "request to " + request.invocation() + " could not be written ("
                            + e.getClass().getName() + ")",
                    e);
        }
    }
}
