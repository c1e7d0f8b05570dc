package io.courier.thrift;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.transport.TMemoryBuffer;
import org.apache.thrift.transport.TMemoryInputTransport;

/** Hand-made Thrift frames on a plain socket, for the hostile table: what no stock client would send. */
final class RawThrift implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;

    RawThrift(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
    }

    /** A binary-protocol message written by {@code body}, without its frame. */
    static byte[] message(Body body) throws TException {
        TMemoryBuffer buffer = new TMemoryBuffer(64);
        body.write(new TBinaryProtocol(buffer));
        byte[] bytes = new byte[buffer.length()];
        System.arraycopy(buffer.getArray(), 0, bytes, 0, bytes.length);
        return bytes;
    }

    /** A frame: {@code length} (true or not) and the bytes. */
    static byte[] frame(int length, byte[] message) {
        return ByteBuffer.allocate(4 + message.length)
                .putInt(length)
                .put(message)
                .array();
    }

    static byte[] frame(byte[] message) {
        return frame(message.length, message);
    }

    void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** The next answer as Thrift's own exception; fails if it is another message. */
    TApplicationException readException() throws IOException, TException {
        byte[] answer = readFrame();
        if (answer == null) {
            throw new AssertionError("the connection closed without an answer");
        }
        TProtocol protocol = new TBinaryProtocol(new TMemoryInputTransport(answer));
        TMessage message = protocol.readMessageBegin();
        if (message.type != TMessageType.EXCEPTION) {
            throw new AssertionError("answer " + message + " (expected: an EXCEPTION)");
        }
        return TApplicationException.readFrom(protocol);
    }

    /** The next frame's message, or {@code null} when the server closed the connection. */
    byte[] readFrame() throws IOException {
        try {
            int length = in.readInt();
            byte[] message = new byte[length];
            in.readFully(message);
            return message;
        } catch (EOFException | SocketException e) {
            return null;
        }
    }

    /** Whether the server closed the connection (reads end of stream within the socket's timeout). */
    boolean closedByServer() throws IOException {
        return readFrame() == null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Writes one message. */
    @FunctionalInterface
    interface Body {
        void write(TProtocol protocol) throws TException;
    }
}
