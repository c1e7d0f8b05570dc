package io.courier.grpc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.DefaultHttp2HeadersEncoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An HTTP/2 peer written frame by frame, for the hostile tests: it sends what a well-behaved client
 * never would, and records every frame the server answers until the server closes the connection.
 */
final class RawHttp2 implements AutoCloseable {

    static final int DATA = 0;
    static final int HEADERS = 1;
    static final int RST_STREAM = 3;
    static final int SETTINGS = 4;
    static final int GOAWAY = 7;
    static final int WINDOW_UPDATE = 8;
    static final int CONTINUATION = 9;

    /** One frame the server sent. */
    record Frame(int type, int flags, int stream, byte[] payload) {}

    final Queue<Frame> received = new ConcurrentLinkedQueue<>();
    /** Completes when the server closes the connection (or resets it). */
    final CompletableFuture<Void> closed = new CompletableFuture<>();

    private final Socket socket;
    private final OutputStream out;
    private final DefaultHttp2HeadersEncoder encoder = new DefaultHttp2HeadersEncoder();

    RawHttp2(int port) throws IOException {
        this(port, true);
    }

    /** @param reading whether to read the server's frames; a peer that does not read lets them pile up */
    RawHttp2(int port, boolean reading) throws IOException {
        socket = new Socket();
        if (!reading) {
            socket.setReceiveBufferSize(4096);
        }
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        frame(SETTINGS, 0, 0, new byte[0]);
        if (reading) {
            startReading();
        }
    }

    /** Reads the server's frames from now on, in a thread of its own, until the connection closes. */
    void startReading() {
        Thread reader = new Thread(this::read, "raw-http2-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** The header block of a gRPC request for {@code path}. */
    byte[] requestHeaders(String path) throws Http2Exception {
        Http2Headers headers = new DefaultHttp2Headers()
                .method("POST")
                .scheme("http")
                .path(path)
                .authority("127.0.0.1")
                .set("content-type", "application/grpc")
                .set("te", "trailers");
        ByteBuf block = Unpooled.buffer();
        try {
            encoder.encodeHeaders(1, headers, block);
            byte[] bytes = new byte[block.readableBytes()];
            block.readBytes(bytes);
            return bytes;
        } finally {
            block.release();
        }
    }

    void frame(int type, int flags, int stream, byte[] payload) throws IOException {
        byte[] header = {
            (byte) (payload.length >>> 16),
            (byte) (payload.length >>> 8),
            (byte) payload.length,
            (byte) type,
            (byte) flags,
            (byte) (stream >>> 24),
            (byte) (stream >>> 16),
            (byte) (stream >>> 8),
            (byte) stream
        };
        out.write(header);
        out.write(payload);
    }

    void flush() throws IOException {
        out.flush();
    }

    static byte[] int32(long value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /** A gRPC message of {@code body}, prefixed as gRPC frames it. */
    static byte[] message(byte[] body) {
        byte[] framed = new byte[5 + body.length];
        System.arraycopy(int32(body.length), 0, framed, 1, 4);
        System.arraycopy(body, 0, framed, 5, body.length);
        return framed;
    }

    /** Frames of {@code type} received so far. */
    long count(int type) {
        return received.stream().filter(f -> f.type() == type).count();
    }

    /** The decoded header blocks the server sent on {@code stream}. */
    Http2Headers headers(int stream) throws Http2Exception {
        DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false);
        Http2Headers all = new DefaultHttp2Headers();
        for (Frame frame : received) {
            if (frame.type() == HEADERS) {
                Http2Headers decoded = decoder.decodeHeaders(frame.stream(), Unpooled.wrappedBuffer(frame.payload()));
                if (frame.stream() == stream) {
                    all.add(decoded);
                }
            }
        }
        return all;
    }

    private void read() {
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[9];
            while (true) {
                in.readFully(header);
                int length = (header[0] & 0xFF) << 16 | (header[1] & 0xFF) << 8 | header[2] & 0xFF;
                int stream = ((header[5] & 0x7F) << 24)
                        | (header[6] & 0xFF) << 16
                        | (header[7] & 0xFF) << 8
                        | header[8] & 0xFF;
                byte[] payload = new byte[length];
                in.readFully(payload);
                received.add(new Frame(header[3] & 0xFF, header[4] & 0xFF, stream, payload));
            }
        } catch (EOFException e) {
            closed.complete(null);
        } catch (IOException e) {
            closed.complete(null);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
