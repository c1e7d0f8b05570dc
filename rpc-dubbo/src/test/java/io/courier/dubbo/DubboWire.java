package io.courier.dubbo;

import com.alibaba.com.caucho.hessian.io.Hessian2Output;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;

/** Dubbo frames written and read byte by byte, for tests that play a consumer Dubbo would never be. */
final class DubboWire {

    static final byte REQUEST = (byte) 0x80;
    static final byte TWO_WAY = 0x40;
    static final byte EVENT = 0x20;
    static final byte HESSIAN2 = 2;

    private DubboWire() {}

    /** A frame's header and body. */
    record Frame(byte flags, byte status, long id, byte[] body) {}

    static byte[] frame(byte flags, long id, byte[] body) {
        return header(flags, id, body.length, body);
    }

    /** A header declaring {@code declaredLength}, followed by {@code body} whatever its length. */
    static byte[] header(byte flags, long id, int declaredLength, byte[] body) {
        ByteBuffer frame = ByteBuffer.allocate(16 + body.length);
        frame.putShort((short) 0xdabb)
                .put(flags)
                .put((byte) 0)
                .putLong(id)
                .putInt(declaredLength)
                .put(body);
        return frame.array();
    }

    /** A response frame of {@code status} to request {@code id}. */
    static byte[] response(byte status, long id, byte[] body) {
        byte[] frame = frame(HESSIAN2, id, body);
        frame[3] = status;
        return frame;
    }

    /** A request body as Dubbo 3.3 writes it. */
    static byte[] requestBody(
            String path, String method, String descriptor, Map<String, Object> attachments, Object... args)
            throws IOException {
        return requestBody(path, method, descriptor, attachments, out -> {
            for (Object arg : args) {
                out.writeObject(arg);
            }
        });
    }

    interface Arguments {
        void write(Hessian2Output out) throws IOException;
    }

    static byte[] requestBody(
            String path, String method, String descriptor, Map<String, Object> attachments, Arguments arguments)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Hessian2Output out = new Hessian2Output(bytes);
        out.writeString("2.0.2");
        out.writeString(path);
        out.writeNull();
        out.writeString(method);
        out.writeString(descriptor);
        arguments.write(out);
        out.writeObject(new java.util.HashMap<>(attachments));
        out.flushBuffer();
        return bytes.toByteArray();
    }

    static Frame read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        short magic = data.readShort();
        if (magic != (short) 0xdabb) {
            throw new IOException("magic " + Integer.toHexString(magic));
        }
        byte flags = data.readByte();
        byte status = data.readByte();
        long id = data.readLong();
        byte[] body = new byte[data.readInt()];
        data.readFully(body);
        return new Frame(flags, status, id, body);
    }

    /** Whether the peer closed the connection (end of stream) rather than sending more. */
    static boolean closed(InputStream in) throws IOException {
        try {
            return in.read() == -1;
        } catch (EOFException | java.net.SocketException e) {
            return true;
        }
    }
}
