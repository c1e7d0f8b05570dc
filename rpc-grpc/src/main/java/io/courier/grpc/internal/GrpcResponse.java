package io.courier.grpc.internal;

import io.courier.grpc.GrpcStatus;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import java.util.Map;

/**
 * The answer of one gRPC call on its HTTP/2 stream: response headers once, length-prefixed messages,
 * then trailers with {@code grpc-status} (or one "trailers-only" header block when nothing was sent
 * before). On the stream's event loop only.
 */
final class GrpcResponse {

    private static final String CONTENT_TYPE = "application/grpc";

    private final Channel stream;
    private boolean headersSent;
    private boolean acceptEncoding;

    GrpcResponse(Channel stream) {
        this.stream = stream;
    }

    /** The answer names the encodings this server reads ({@code grpc-accept-encoding}). */
    void acceptEncoding() {
        acceptEncoding = true;
    }

    /** Sends the response headers, if not yet sent. */
    void headers() {
        headers(Map.of());
    }

    /**
     * Sends the response headers with {@code metadata} (the result's leading attachments), if not yet
     * sent; written now, flushed with what follows.
     */
    void headers(Map<String, String> metadata) {
        if (headersSent) {
            return;
        }
        headersSent = true;
        Http2Headers headers = new DefaultHttp2Headers().status("200").set("content-type", CONTENT_TYPE);
        headers.set("grpc-accept-encoding", "gzip,identity");
        addMetadata(headers, metadata);
        stream.write(new DefaultHttp2HeadersFrame(headers, false));
    }

    /** Sends one message, uncompressed, and flushes. */
    void message(byte[] bytes) {
        message(bytes, true);
    }

    /** Writes one message, uncompressed; flushed now or with what follows. */
    void message(byte[] bytes, boolean flush) {
        ByteBuf frame = stream.alloc().buffer(5 + bytes.length);
        message(frame.writeByte(0).writeInt(bytes.length).writeBytes(bytes), flush);
    }

    /**
     * Writes one message already framed ({@link ProtobufCodec#frame}), which this takes over; flushed now
     * or with what follows.
     */
    void message(ByteBuf frame, boolean flush) {
        headers();
        DefaultHttp2DataFrame data = new DefaultHttp2DataFrame(frame, false);
        if (flush) {
            stream.writeAndFlush(data);
        } else {
            stream.write(data);
        }
    }

    /** Ends the stream with {@code status}; {@code message} may be null. */
    void trailers(GrpcStatus status, String message, Map<String, String> metadata) {
        Http2Headers trailers = new DefaultHttp2Headers();
        if (!headersSent) {
            headersSent = true;
            trailers.status("200").set("content-type", CONTENT_TYPE);
            if (acceptEncoding) {
                trailers.set("grpc-accept-encoding", "gzip,identity");
            }
        }
        trailers.setInt("grpc-status", status.code());
        if (message != null && !message.isEmpty()) {
            trailers.set("grpc-message", StatusMessages.encode(message));
        }
        addMetadata(trailers, metadata);
        stream.writeAndFlush(new DefaultHttp2HeadersFrame(trailers, true));
    }

    private static void addMetadata(Http2Headers headers, Map<String, String> metadata) {
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            if (Metadata.sendable(entry.getKey())) {
                headers.set(entry.getKey(), entry.getValue());
            }
        }
    }

    /** Refuses a request that is not gRPC (HTTP 415, as gRPC's spec asks). */
    void unsupportedMediaType() {
        headersSent = true;
        Http2Headers headers = new DefaultHttp2Headers().status("415").set("content-type", "text/plain");
        stream.writeAndFlush(new DefaultHttp2HeadersFrame(headers, true));
    }
}
