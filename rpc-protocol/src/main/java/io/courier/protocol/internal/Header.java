package io.courier.protocol.internal;

import io.courier.api.Internal;
import io.netty.buffer.ByteBuf;

/**
 * The 16-byte frame header of protocol version 1 (see {@code docs/protocol.md}).
 *
 * <pre>
 *  0        1        2        3        4                                  12                16
 * +--------+--------+--------+--------+----------------------------------+-----------------+
 * | magic  |vvvsssss| flags  | status |  request id (u64, big endian)     | body length u32 |
 * +--------+--------+--------+--------+----------------------------------+-----------------+
 *   0xC7    v = version (3 bits), s = serializer id (5 bits)
 * flags: 0x80 RESPONSE, 0x40 ONEWAY, 0x20 HEARTBEAT, 0x10 EVENT, 0x08 STREAM, 0x07 reserved (must be 0)
 * </pre>
 */
@Internal
public final class Header {

    public static final int LENGTH = 16;
    public static final int MAGIC = 0xC7;
    public static final int VERSION = 1;

    public static final int FLAG_RESPONSE = 0x80;
    public static final int FLAG_ONEWAY = 0x40;
    public static final int FLAG_HEARTBEAT = 0x20;
    public static final int FLAG_EVENT = 0x10;
    /** A stream frame (docs/streaming.md): alone in the flags; the body's first byte is its kind. */
    public static final int FLAG_STREAM = 0x08;

    public static final int RESERVED_FLAGS = 0x07;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_SERIALIZER_OFFSET = 1;
    public static final int FLAGS_OFFSET = 2;
    public static final int STATUS_OFFSET = 3;
    public static final int REQUEST_ID_OFFSET = 4;
    public static final int BODY_LENGTH_OFFSET = 12;

    /** The largest serializer id the 5-bit field carries. */
    public static final int MAX_SERIALIZER_ID = 31;

    /** A heartbeat carries no body. */
    public static final int MAX_HEARTBEAT_BODY = 0;

    /** An event body: one type byte plus room for small future payloads. */
    public static final int MAX_EVENT_BODY = 64;

    /** Event type of the going-away event, the first byte of an event body. */
    public static final int EVENT_GOING_AWAY = 1;

    /**
     * Event type of the cancel event: the body is the type byte and the abandoned request's id
     * (u64). Peers that predate it drop it as an unknown event.
     */
    public static final int EVENT_CANCEL = 2;

    private Header() {}

    /**
     * Writes a header whose body length is still zero and returns the index it starts at; {@link
     * #finish} fills in the length once the body is written.
     */
    public static int start(ByteBuf out, int serializerId, int flags, int status, long requestId) {
        int start = out.writerIndex();
        out.writeByte(MAGIC);
        out.writeByte(VERSION << 5 | serializerId);
        out.writeByte(flags);
        out.writeByte(status);
        out.writeLong(requestId);
        out.writeInt(0);
        return start;
    }

    /** Sets the body length of the header at {@code start} to everything written after it. */
    public static int finish(ByteBuf out, int start) {
        int bodyLength = out.writerIndex() - start - LENGTH;
        out.setInt(start + BODY_LENGTH_OFFSET, bodyLength);
        return bodyLength;
    }
}
