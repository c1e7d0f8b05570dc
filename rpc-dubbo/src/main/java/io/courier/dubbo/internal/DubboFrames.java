package io.courier.dubbo.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The layout of a Dubbo 2 frame (what Dubbo calls its exchange codec): a 16-byte header of magic
 * {@code 0xdabb}, a flag byte, a status byte, the request id and the body's length, then the body.
 */
public final class DubboFrames {

    /** The header's length. */
    public static final int HEADER_LENGTH = 16;
    /** The two bytes every frame starts with. */
    public static final short MAGIC = (short) 0xdabb;

    public static final byte FLAG_REQUEST = (byte) 0x80;
    public static final byte FLAG_TWO_WAY = 0x40;
    public static final byte FLAG_EVENT = 0x20;
    /** The low five bits of the flag byte: the body's serialization. */
    public static final int SERIALIZATION_MASK = 0x1f;
    /** Dubbo's id of hessian2, the only serialization served. */
    public static final byte HESSIAN2 = 2;

    /** What a frame's body declares when Dubbo's consumer reads Dubbo's version there. */
    public static final String DUBBO_VERSION = "2.0.2";
    /** The data of the event by which a provider asks its consumers to stop sending (read-only). */
    public static final String READ_ONLY_EVENT = "R";

    // the response statuses (Dubbo's Response constants)
    public static final byte OK = 20;
    public static final byte CLIENT_TIMEOUT = 30;
    public static final byte SERVER_TIMEOUT = 31;
    public static final byte BAD_REQUEST = 40;
    public static final byte BAD_RESPONSE = 50;
    public static final byte SERVICE_NOT_FOUND = 60;
    public static final byte SERVICE_ERROR = 70;
    public static final byte SERVER_ERROR = 80;
    public static final byte SERVER_THREADPOOL_EXHAUSTED_ERROR = 100;

    // the first value of a response body (Dubbo's DubboCodec constants); Courier always sends attachments
    public static final int RESPONSE_WITH_EXCEPTION = 0;
    public static final int RESPONSE_VALUE = 1;
    public static final int RESPONSE_NULL_VALUE = 2;
    public static final int RESPONSE_WITH_EXCEPTION_WITH_ATTACHMENTS = 3;
    public static final int RESPONSE_VALUE_WITH_ATTACHMENTS = 4;
    public static final int RESPONSE_NULL_VALUE_WITH_ATTACHMENTS = 5;

    private DubboFrames() {}

    /** A frame's header with its body's length left 0, in a buffer the body is then written to. */
    static ByteBuf start(ByteBufAllocator alloc, byte flags, byte status, long id) {
        ByteBuf frame = alloc.ioBuffer(256);
        frame.writeShort(MAGIC);
        frame.writeByte(flags);
        frame.writeByte(status);
        frame.writeLong(id);
        frame.writeInt(0);
        return frame;
    }

    /** {@code frame} with its header's body length set to what was written after the header. */
    static ByteBuf finish(ByteBuf frame) {
        frame.setInt(12, frame.readableBytes() - HEADER_LENGTH);
        return frame;
    }
}
