package io.courier.transport;

import io.courier.api.Invocation;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.frame.FrameEncoder;
import io.courier.protocol.frame.OutboundRequest;
import io.courier.protocol.frame.StreamFrameKind;
import io.courier.protocol.frame.StreamFrames;
import io.courier.protocol.internal.Header;
import io.courier.protocol.internal.Wire;
import io.courier.protocol.testing.TestSerializer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/** A consumer that writes stream frames by hand to a server and reads what comes back, frame by frame. */
final class RawStreamPeer implements AutoCloseable {

    /** One frame read back: the header fields, the stream kind byte and, for errors, the message. */
    record Frame(int flags, int status, long id, int kind, String message) {}

    private static final StreamFrames FRAMES = new StreamFrames(ProtocolOptions.defaults());

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawStreamPeer(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    static byte[] open(long id, int credit, Invocation invocation) {
        return bytes(FRAMES.open(ByteBufAllocator.DEFAULT, id, invocation, TestSerializer.INSTANCE, credit));
    }

    /** A plain request (not a stream open) for {@code invocation}. */
    static byte[] request(long id, Invocation invocation) {
        return bytes(new FrameEncoder(ProtocolOptions.defaults())
                .encode(ByteBufAllocator.DEFAULT, OutboundRequest.of(id, invocation, TestSerializer.INSTANCE)));
    }

    static byte[] message(long id, Object value) {
        return bytes(FRAMES.message(ByteBufAllocator.DEFAULT, id, TestSerializer.INSTANCE, value, Long.class));
    }

    static byte[] window(long id, int credit) {
        return bytes(FRAMES.window(ByteBufAllocator.DEFAULT, id, credit));
    }

    static byte[] kind(long id, int kind) {
        ByteBuf raw = Unpooled.buffer();
        int start = Header.start(raw, 0, Header.FLAG_STREAM, 0, id);
        raw.writeByte(kind);
        Header.finish(raw, start);
        return bytes(raw);
    }

    static byte[] ping(long id) {
        ByteBuf raw = Unpooled.buffer();
        Header.finish(raw, Header.start(raw, 0, Header.FLAG_HEARTBEAT, 0, id));
        return bytes(raw);
    }

    private static byte[] bytes(ByteBuf buffer) {
        try {
            return ByteBufUtil.getBytes(buffer);
        } finally {
            buffer.release();
        }
    }

    void write(byte[]... frames) throws IOException {
        for (byte[] frame : frames) {
            out.write(frame);
        }
        out.flush();
    }

    Frame read() throws IOException {
        byte[] header = new byte[Header.LENGTH];
        in.readFully(header);
        ByteBuf head = Unpooled.wrappedBuffer(header);
        int flags = head.getUnsignedByte(Header.FLAGS_OFFSET);
        int status = head.getUnsignedByte(Header.STATUS_OFFSET);
        long id = head.getLong(Header.REQUEST_ID_OFFSET);
        byte[] body = new byte[head.getInt(Header.BODY_LENGTH_OFFSET)];
        in.readFully(body);
        if ((flags & Header.FLAG_STREAM) == 0 || body.length == 0) {
            return new Frame(flags, status, id, -1, null);
        }
        ByteBuf content = Unpooled.wrappedBuffer(body);
        int kind = content.readUnsignedByte();
        String message = null;
        if (kind == StreamFrameKind.ERROR.number()) {
            content.readUnsignedByte();
            message = Wire.readString(content, 1 << 16, "message");
        }
        return new Frame(flags, status, id, kind, message);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
