package io.courier.protocol.frame;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.RpcException;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.internal.BufferInputStream;
import io.courier.protocol.internal.BufferOutputStream;
import io.courier.protocol.internal.Header;
import io.courier.protocol.internal.Wire;
import io.courier.protocol.serialization.Serializers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * Writes and reads stream frames (see {@code docs/protocol.md}, "Stream frames"). Every stream
 * frame has the flags {@code STREAM} (0x08) alone, the stream id in the request id field, and a
 * body whose first byte is its {@link StreamFrameKind}:
 *
 * <pre>
 * OPEN        serializer s | kind 1 | initial credit (varint) | request body (service, method, attachments, arguments)
 * MESSAGE     serializer s | kind 2 | one value (serializer s), as the stream's declared element type
 * HALF_CLOSE  serializer 0 | kind 3
 * CANCEL      serializer 0 | kind 4
 * ERROR       serializer 0 | kind 5 | flags u8 (bit 0: not executed) | message (string); status = error code
 * WINDOW      serializer 0 | kind 6 | credit (varint, 1 to 2^31-1): more messages the peer may send
 * </pre>
 *
 * Encoders return a new buffer the caller owns; readers never release the frame. Thread-safe;
 * one per server or client.
 */
public final class StreamFrames {

    private static final int INITIAL_CAPACITY = 64;

    private final ProtocolOptions options;

    public StreamFrames(ProtocolOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The opening frame of a stream that calls {@code invocation}, granting {@code credit} messages. */
    public ByteBuf open(
            ByteBufAllocator allocator, long streamId, Invocation invocation, Serializer serializer, int credit) {
        ByteBuf out = buffer(allocator);
        try {
            int start = Header.start(out, serializer.id(), Header.FLAG_STREAM, 0, streamId);
            out.writeByte(StreamFrameKind.OPEN.number());
            Wire.writeVarint(out, credit);
            RequestWriter.writeBody(out, invocation, serializer, options);
            Header.finish(out, start);
            return out;
        } catch (IndexOutOfBoundsException e) {
            out.release();
            throw RequestWriter.tooLarge(options);
        } catch (RuntimeException | Error e) {
            out.release();
            throw e;
        }
    }

    /**
     * One message of a stream, {@code value} written as {@code type}.
     *
     * @throws RpcException {@code SERIALIZATION} if the value cannot be written, {@code
     *     PAYLOAD_TOO_LARGE} if it is over the frame limit
     */
    public ByteBuf message(ByteBufAllocator allocator, long streamId, Serializer serializer, Object value, Type type) {
        ByteBuf out = buffer(allocator);
        try {
            int start = Header.start(out, serializer.id(), Header.FLAG_STREAM, 0, streamId);
            out.writeByte(StreamFrameKind.MESSAGE.number());
            Serializer.ValueWriter writer = serializer.writer(new BufferOutputStream(out));
            writer.write(value, type);
            writer.flush();
            Header.finish(out, start);
            return out;
        } catch (IndexOutOfBoundsException e) {
            out.release();
            throw new RpcException(
                    ErrorCode.PAYLOAD_TOO_LARGE,
                    "stream message of type " + type.getTypeName() + " over the limit of " + options.maxFrameLength()
                            + " bytes (maxFrameLength)");
        } catch (RpcException e) {
            out.release();
            throw e;
        } catch (Exception e) {
            out.release();
            throw new RpcException(
                    ErrorCode.SERIALIZATION,
                    "stream message of type " + type.getTypeName() + " could not be written ("
                            + e.getClass().getName() + ")",
                    e);
        }
    }

    /** A frame of {@code kind} {@link StreamFrameKind#HALF_CLOSE} or {@link StreamFrameKind#CANCEL}. */
    public ByteBuf signal(ByteBufAllocator allocator, long streamId, StreamFrameKind kind) {
        if (kind != StreamFrameKind.HALF_CLOSE && kind != StreamFrameKind.CANCEL) {
            throw new IllegalArgumentException("kind: " + kind + " (expected: HALF_CLOSE or CANCEL)");
        }
        ByteBuf out = allocator.ioBuffer(Header.LENGTH + 1);
        int start = Header.start(out, 0, Header.FLAG_STREAM, 0, streamId);
        out.writeByte(kind.number());
        Header.finish(out, start);
        return out;
    }

    /** Grants the peer {@code credit} more messages. */
    public ByteBuf window(ByteBufAllocator allocator, long streamId, int credit) {
        if (credit <= 0) {
            throw new IllegalArgumentException("credit: " + credit + " (expected: > 0)");
        }
        ByteBuf out = allocator.ioBuffer(Header.LENGTH + 6);
        int start = Header.start(out, 0, Header.FLAG_STREAM, 0, streamId);
        out.writeByte(StreamFrameKind.WINDOW.number());
        Wire.writeVarint(out, credit);
        Header.finish(out, start);
        return out;
    }

    /** Ends a stream with {@code error}: its code in the status, its execution state and message in the body. */
    public ByteBuf error(ByteBufAllocator allocator, long streamId, RpcException error) {
        ByteBuf out = buffer(allocator);
        int start = Header.start(out, 0, Header.FLAG_STREAM, error.code().code(), streamId);
        out.writeByte(StreamFrameKind.ERROR.number());
        out.writeByte(error.notExecuted() ? 1 : 0);
        String message = error.getMessage() == null ? "" : error.getMessage();
        Wire.writeString(
                out,
                message.length() <= ResponseWriter.MAX_MESSAGE_CHARS
                        ? message
                        : message.substring(0, ResponseWriter.MAX_MESSAGE_CHARS));
        Header.finish(out, start);
        return out;
    }

    /**
     * Reads an open frame: the initial credit, and the request it carries as an {@link
     * InboundRequest} that owns its own reference to the bytes (release it, as well as {@code frame}).
     */
    public StreamOpen readOpen(InboundStreamFrame frame) {
        ByteBuf body = frame.body();
        int credit = Wire.readVarint(body, "initial credit");
        if (!body.isReadable()) {
            throw Wire.malformed("open frame without a request", body.readerIndex());
        }
        return new StreamOpen(
                credit,
                new InboundRequest(
                        frame.streamId(), frame.serializerId(), false, body.readRetainedSlice(body.readableBytes())));
    }

    /** The credit a window frame grants: 1 to 2^31-1. */
    public int readWindow(InboundStreamFrame frame) {
        ByteBuf body = frame.body();
        int offset = body.readerIndex();
        int credit = Wire.readVarint(body, "credit");
        ValueReading.checkFullyRead(body);
        if (credit <= 0) {
            throw Wire.malformed("credit " + credit + " (expected: > 0)", offset);
        }
        return credit;
    }

    /** Reads a message's value as {@code type} under {@code policy}; it must be in {@code serializer}. */
    public Object readMessage(
            InboundStreamFrame frame, Type type, Serializer serializer, DeserializationPolicy policy) {
        if (frame.serializerId() != serializer.id()) {
            throw new RpcException(
                    ErrorCode.SERIALIZATION,
                    "stream message in serializer " + frame.serializerId() + ", but the stream uses "
                            + serializer.id());
        }
        ByteBuf body = frame.body();
        Serializer.ValueReader reader = serializer.reader(new BufferInputStream(body), policy);
        Object value = ValueReading.read(reader, type, body, "stream message");
        ValueReading.checkFullyRead(body);
        return value;
    }

    /** The error an error frame carries, as the peer's: its code, execution state and message. */
    public RpcException readError(InboundStreamFrame frame) {
        return ResponseReader.readError(frame.body(), frame.status());
    }

    /**
     * The error an error response carries, for an open frame that an older peer, which does not know
     * stream frames, refused with one.
     */
    public RpcException readError(InboundResponse response) {
        int start = response.body().readerIndex();
        try {
            return ResponseReader.readError(response.body(), response.status());
        } finally {
            response.body().readerIndex(start);
        }
    }

    /** Why a stream frame's header is unacceptable, or {@code null}; called by the frame decoder. */
    static String headerViolation(Serializers serializers, int serializerId, int flags, long bodyLength) {
        if (flags != Header.FLAG_STREAM) {
            return "flags 0x" + Integer.toHexString(flags) + " (a stream frame carries no other flag)";
        }
        if (serializerId != 0 && serializers.byId(serializerId) == null) {
            return "unknown serializer id " + serializerId + " in a stream frame";
        }
        if (bodyLength == 0) {
            return "stream frame with an empty body (expected: a kind byte)";
        }
        return null;
    }

    private ByteBuf buffer(ByteBufAllocator allocator) {
        int maxCapacity = Header.LENGTH + options.maxFrameLength();
        return allocator.ioBuffer(Math.min(INITIAL_CAPACITY, maxCapacity), maxCapacity);
    }

    /**
     * A decoded open frame.
     *
     * @param credit the messages the consumer lets the provider send before its first window frame
     * @param request the request the stream calls; owns a reference to its bytes
     */
    public record StreamOpen(int credit, InboundRequest request) {}
}
