package io.courier.protocol.frame;

import static io.courier.protocol.internal.Header.FLAG_EVENT;
import static io.courier.protocol.internal.Header.FLAG_HEARTBEAT;
import static io.courier.protocol.internal.Header.FLAG_ONEWAY;
import static io.courier.protocol.internal.Header.FLAG_RESPONSE;

import io.courier.api.ErrorCode;
import io.courier.protocol.ProtocolException;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.internal.Header;
import io.courier.protocol.serialization.Serializers;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits the inbound byte stream into frames and checks every header on the IO thread; bodies stay
 * bytes for the business executor. One instance per channel (it keeps the stream position).
 *
 * <p>Emits {@link InboundRequest}, {@link InboundResponse}, {@link InboundStreamFrame} (each owning
 * a retained slice of its body, released by whoever takes it from the pipeline), {@link Heartbeat},
 * {@link GoingAway} and {@link CancelRequest}.
 * A body length is checked against {@link ProtocolOptions#maxFrameLength()} from the header alone,
 * before any byte of the body is waited for or allocated.
 *
 * <p>A frame over that limit whose header is otherwise valid is refused without losing the
 * connection: a two-way request is answered {@code PAYLOAD_TOO_LARGE} (not executed) at once, a
 * response fails the call it names, and the body is read and dropped as it arrives, so that the
 * answer reaches the peer (which may still be writing the body) and the frames after it are read
 * as usual. Discarding is bounded: a body over {@link #discardLimit} bytes (the larger of {@value
 * #MIN_DISCARD_LIMIT} bytes and four times the limit), or one that has not fully arrived {@value
 * #DISCARD_MILLIS} ms after its header, closes the connection instead.
 *
 * <p>A frame that breaks the protocol is never passed on. When its header got far enough to name a
 * request id and it was a two-way request, the decoder answers it with an error response itself;
 * when the failure is {@linkplain ProtocolException#fatal() fatal} (bad magic, unknown version,
 * reserved or contradictory flags, unknown serializer, body over the limit, a heartbeat or event
 * with a body it may not have) it closes the channel after that answer and discards every byte that
 * follows. It then fires the {@link ProtocolException} through {@code exceptionCaught}, for logging
 * and, on a consumer, to fail the call it names. A request or response with an empty body is
 * refused without closing the connection.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

    private static final Logger log = LoggerFactory.getLogger(FrameDecoder.class);

    static final long MIN_DISCARD_LIMIT = 64L << 20;
    static final long DISCARD_MILLIS = 10_000;

    private final ProtocolOptions options;
    private final Serializers serializers;
    private long streamOffset;
    private boolean failed;
    // bytes of an oversized body still to drop, and which oversized frame they belong to
    private long discarding;
    private long discarded;

    public FrameDecoder(ProtocolOptions options, Serializers serializers) {
        this.options = Objects.requireNonNull(options, "options");
        this.serializers = Objects.requireNonNull(serializers, "serializers");
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (skipped(in)) {
            return;
        }
        int start = in.readerIndex();
        int readable = in.readableBytes();
        if (!acceptableStart(ctx, in, start, readable) || readable < Header.LENGTH) {
            return;
        }
        int versionAndSerializer = in.getUnsignedByte(start + Header.VERSION_SERIALIZER_OFFSET);
        int serializerId = versionAndSerializer & Header.MAX_SERIALIZER_ID;
        int flags = in.getUnsignedByte(start + Header.FLAGS_OFFSET);
        int status = in.getUnsignedByte(start + Header.STATUS_OFFSET);
        long requestId = in.getLong(start + Header.REQUEST_ID_OFFSET);
        long bodyLength = in.getUnsignedInt(start + Header.BODY_LENGTH_OFFSET);
        // Stream frames are never answered with a response: the stream layer answers with stream frames.
        boolean twoWayRequest =
                (flags & (FLAG_RESPONSE | FLAG_ONEWAY | FLAG_HEARTBEAT | FLAG_EVENT | Header.FLAG_STREAM)) == 0;

        if (refused(ctx, in, serializerId, flags, status, requestId, bodyLength, twoWayRequest)) {
            return;
        }
        if (bodyLength == 0 && (flags & (FLAG_HEARTBEAT | FLAG_EVENT)) == 0) {
            in.skipBytes(Header.LENGTH);
            refuseEmpty(ctx, flags, requestId, twoWayRequest);
            streamOffset += Header.LENGTH;
            return;
        }
        if (readable - Header.LENGTH < bodyLength) {
            return;
        }
        in.skipBytes(Header.LENGTH);
        streamOffset += Header.LENGTH + bodyLength;
        Object frame = frame(in, serializerId, flags, status, requestId, (int) bodyLength);
        if (frame != null) {
            out.add(frame);
        }
    }

    /** Whether nothing more is read now: the stream failed, or an oversized body is still being dropped. */
    private boolean skipped(ByteBuf in) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return true;
        }
        if (discarding > 0) {
            int dropped = (int) Math.min(discarding, in.readableBytes());
            in.skipBytes(dropped);
            discarding -= dropped;
            if (discarding > 0 || !in.isReadable()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the frame starts with the magic and a supported version, judged as soon as they arrive: a
     * stranger's bytes are refused without waiting for a full header that may never come. False also
     * while the version has not arrived.
     */
    private boolean acceptableStart(ChannelHandlerContext ctx, ByteBuf in, int start, int readable) {
        int magic = in.getUnsignedByte(start);
        if (magic != Header.MAGIC) {
            fail(
                    ctx,
                    in,
                    ProtocolException.fatal(
                            ErrorCode.BAD_REQUEST,
                            "bad magic 0x" + hex(magic) + " at stream offset " + streamOffset + " (expected: 0x"
                                    + hex(Header.MAGIC) + ")"),
                    false,
                    0);
            return false;
        }
        if (readable < 2) {
            return false;
        }
        int versionAndSerializer = in.getUnsignedByte(start + Header.VERSION_SERIALIZER_OFFSET);
        int version = versionAndSerializer >>> 5;
        if (version != Header.VERSION) {
            fail(
                    ctx,
                    in,
                    ProtocolException.fatal(
                            ErrorCode.BAD_REQUEST,
                            "unsupported protocol version " + version + " at stream offset " + streamOffset
                                    + " (supported: " + Header.VERSION + ")"),
                    false,
                    0);
            return false;
        }
        return true;
    }

    /** Whether the header is refused (the frame failed, or an oversized body is dropped). */
    private boolean refused(
            ChannelHandlerContext ctx,
            ByteBuf in,
            int serializerId,
            int flags,
            int status,
            long requestId,
            long bodyLength,
            boolean twoWayRequest) {
        String violation = headerViolation(serializerId, flags, status, bodyLength);
        ErrorCode code = ErrorCode.BAD_REQUEST;
        if (violation == null && bodyLength > options.maxFrameLength()) {
            if (bodyLength <= discardLimit()) {
                refuseOversized(ctx, in, flags, requestId, bodyLength, twoWayRequest);
                return true;
            }
            code = ErrorCode.PAYLOAD_TOO_LARGE;
            violation = "body length " + bodyLength + " over the limit of " + options.maxFrameLength() + " (and over "
                    + discardLimit() + ", the most this side reads past)";
        }
        if (violation != null) {
            fail(
                    ctx,
                    in,
                    ProtocolException.of(
                            code,
                            violation + " in frame at stream offset " + streamOffset,
                            true,
                            (flags & FLAG_RESPONSE) == 0,
                            requestId),
                    twoWayRequest,
                    requestId);
            return true;
        }
        return false;
    }

    /** Why the header is unacceptable, or {@code null}. */
    private String headerViolation(int serializerId, int flags, int status, long bodyLength) {
        if ((flags & Header.RESERVED_FLAGS) != 0) {
            return "reserved flag bits 0x" + hex(flags & Header.RESERVED_FLAGS) + " set";
        }
        if ((flags & Header.FLAG_STREAM) != 0) {
            return StreamFrames.headerViolation(serializers, serializerId, flags, bodyLength);
        }
        boolean response = (flags & FLAG_RESPONSE) != 0;
        if ((flags & FLAG_HEARTBEAT) != 0) {
            if ((flags & (FLAG_ONEWAY | FLAG_EVENT)) != 0) {
                return "flags 0x" + hex(flags) + " (a heartbeat is neither oneway nor an event)";
            }
            if (serializerId != 0 || status != 0) {
                return "heartbeat with serializer " + serializerId + " and status " + status + " (expected: 0 and 0)";
            }
            if (bodyLength > Header.MAX_HEARTBEAT_BODY) {
                return "heartbeat body length " + bodyLength + " (expected: 0)";
            }
            return null;
        }
        if ((flags & FLAG_EVENT) != 0) {
            if (response || (flags & FLAG_ONEWAY) == 0) {
                return "flags 0x" + hex(flags) + " (an event is a oneway non-response)";
            }
            if (serializerId != 0 || status != 0) {
                return "event with serializer " + serializerId + " and status " + status + " (expected: 0 and 0)";
            }
            if (bodyLength == 0 || bodyLength > Header.MAX_EVENT_BODY) {
                return "event body length " + bodyLength + " (expected: 1 to " + Header.MAX_EVENT_BODY + ")";
            }
            return null;
        }
        if (response) {
            if ((flags & FLAG_ONEWAY) != 0) {
                return "flags 0x" + hex(flags) + " (a response is never oneway)";
            }
            if (status != 0) {
                return serializerId == 0 ? null : "error response with serializer " + serializerId + " (expected: 0)";
            }
        } else if (status != 0) {
            return "request with status " + status + " (expected: 0)";
        }
        if (serializers.byId(serializerId) == null) {
            return "unknown serializer id " + serializerId + " (installed: " + installedIds() + ")";
        }
        return null;
    }

    private Object frame(ByteBuf in, int serializerId, int flags, int status, long requestId, int bodyLength) {
        if ((flags & FLAG_HEARTBEAT) != 0) {
            return new Heartbeat(requestId, (flags & FLAG_RESPONSE) != 0);
        }
        if ((flags & FLAG_EVENT) != 0) {
            int type = in.getUnsignedByte(in.readerIndex());
            if (type == Header.EVENT_CANCEL && bodyLength == CancelRequest.BODY_LENGTH) {
                long cancelled = in.getLong(in.readerIndex() + 1);
                in.skipBytes(bodyLength);
                return new CancelRequest(cancelled);
            }
            in.skipBytes(bodyLength);
            if (type == Header.EVENT_GOING_AWAY) {
                return GoingAway.INSTANCE;
            }
            if (type == Header.EVENT_CANCEL) {
                // Advisory like every event: a malformed cancel cancels nothing and breaks nothing.
                log.debug("Ignored a cancel event of {} bytes (expected: {})", bodyLength, CancelRequest.BODY_LENGTH);
                return null;
            }
            // Events are advisory: one this version does not know is dropped, not fatal.
            log.debug("Ignored unknown event type {}", type);
            return null;
        }
        ByteBuf body = in.readRetainedSlice(bodyLength);
        if ((flags & Header.FLAG_STREAM) != 0) {
            int kind = body.readUnsignedByte();
            return new InboundStreamFrame(requestId, (byte) serializerId, status, kind, body);
        }
        if ((flags & FLAG_RESPONSE) != 0) {
            return new InboundResponse(requestId, (byte) serializerId, status, body);
        }
        return new InboundRequest(requestId, (byte) serializerId, (flags & FLAG_ONEWAY) != 0, body);
    }

    /** The longest oversized body this side reads and drops rather than closing the connection. */
    long discardLimit() {
        return Math.max(MIN_DISCARD_LIMIT, 4L * options.maxFrameLength());
    }

    /**
     * Refuses a frame over the limit and drops its body as it arrives: answers a two-way request at
     * once (the peer reads the answer while it still writes), and closes the connection only if the
     * body has not arrived within {@value #DISCARD_MILLIS} ms.
     */
    private void refuseOversized(
            ChannelHandlerContext ctx, ByteBuf in, int flags, long requestId, long bodyLength, boolean twoWayRequest) {
        boolean request = (flags & FLAG_RESPONSE) == 0;
        ProtocolException error = ProtocolException.of(
                ErrorCode.PAYLOAD_TOO_LARGE,
                "body length " + bodyLength + " over the limit of " + options.maxFrameLength()
                        + " in frame at stream offset " + streamOffset + (request ? "; not executed" : ""),
                false,
                request,
                requestId);
        in.skipBytes(Header.LENGTH);
        int dropped = (int) Math.min(bodyLength, in.readableBytes());
        in.skipBytes(dropped);
        discarding = bodyLength - dropped;
        long frame = ++discarded;
        streamOffset += Header.LENGTH + bodyLength;
        if (twoWayRequest) {
            ctx.channel().writeAndFlush(OutboundResponse.ofError(requestId, error));
        }
        if (discarding > 0) {
            ctx.executor()
                    .schedule(
                            () -> {
                                if (discarding > 0 && discarded == frame && !failed) {
                                    failed = true;
                                    log.debug(
                                            "closing {}: {} bytes of an oversized body still missing after {} ms",
                                            ctx.channel(),
                                            discarding,
                                            DISCARD_MILLIS);
                                    ctx.close();
                                }
                            },
                            DISCARD_MILLIS,
                            TimeUnit.MILLISECONDS);
        }
        ctx.fireExceptionCaught(error);
    }

    private void refuseEmpty(ChannelHandlerContext ctx, int flags, long requestId, boolean twoWayRequest) {
        String kind = (flags & FLAG_RESPONSE) != 0 ? "response" : "request";
        ProtocolException error = ProtocolException.of(
                ErrorCode.BAD_REQUEST,
                kind + " with an empty body in frame at stream offset " + streamOffset,
                false,
                (flags & FLAG_RESPONSE) == 0,
                requestId);
        if (twoWayRequest) {
            ctx.channel().writeAndFlush(OutboundResponse.ofError(requestId, error));
        }
        ctx.fireExceptionCaught(error);
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, ProtocolException error, boolean answer, long requestId) {
        failed = true;
        in.skipBytes(in.readableBytes());
        if (answer) {
            // Through the whole pipeline, so that the encoder is found wherever it was added.
            ctx.channel()
                    .writeAndFlush(OutboundResponse.ofError(requestId, error))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
        ctx.fireExceptionCaught(error);
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (!failed && in.isReadable()) {
            decode(ctx, in, out);
        }
        if (!failed && in.isReadable()) {
            int partial = in.readableBytes();
            in.skipBytes(partial);
            failed = true;
            ctx.fireExceptionCaught(ProtocolException.fatal(
                    ErrorCode.NETWORK,
                    "connection closed inside a frame: " + partial + " bytes of the frame at stream offset "
                            + streamOffset));
        }
    }

    /** The installed serializer ids in ascending order, as the message promises a reader. */
    private String installedIds() {
        return serializers.all().stream()
                .mapToInt(serializer -> serializer.id())
                .sorted()
                .mapToObj(Integer::toString)
                .collect(Collectors.joining(", "));
    }

    private static String hex(int value) {
        return Integer.toHexString(value);
    }
}
