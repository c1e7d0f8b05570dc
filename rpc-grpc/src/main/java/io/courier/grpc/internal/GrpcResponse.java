package io.courier.grpc.internal;

import io.courier.grpc.GrpcStatus;
import io.courier.grpc.internal.wire.Metadata;
import io.courier.grpc.internal.wire.StatusMessages;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.AsciiString;
import java.util.Map;

/**
 * The answer of one gRPC call on its HTTP/2 stream: response headers once, length-prefixed messages,
 * then trailers with {@code grpc-status} (or one "trailers-only" header block when nothing was sent
 * before). Written through the connection's HTTP/2 encoder and flushed once per answer (with the
 * trailers) or per message of a stream. On the stream's event loop only.
 */
final class GrpcResponse {

    private static final AsciiString CONTENT_TYPE = AsciiString.cached("application/grpc");
    private static final AsciiString CONTENT_TYPE_NAME = AsciiString.cached("content-type");
    private static final AsciiString ACCEPT_ENCODING_NAME = AsciiString.cached("grpc-accept-encoding");
    private static final AsciiString ACCEPT_ENCODING = AsciiString.cached("gzip,identity");
    private static final AsciiString STATUS_NAME = AsciiString.cached("grpc-status");
    private static final AsciiString OK = AsciiString.cached("200");

    /**
     * The headers of an answer without metadata, shared by every call: the encoder only reads them, and
     * nothing writes them after this class is initialised.
     */
    private static final Http2Headers PLAIN_HEADERS = headerBlock(false);

    /** The trailers of a call that ended {@code OK} without metadata, shared as {@link #PLAIN_HEADERS}. */
    private static final Http2Headers OK_TRAILERS =
            new DefaultHttp2Headers(false, 1).set(STATUS_NAME, AsciiString.cached("0"));

    private final GrpcStream stream;
    private boolean headersSent;
    private boolean acceptEncoding;

    GrpcResponse(GrpcStream stream) {
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
        Http2Headers headers = PLAIN_HEADERS;
        if (!metadata.isEmpty()) {
            headers = headerBlock(true);
            addMetadata(headers, metadata);
        }
        stream.writeHeaders(headers, false);
    }

    /** A response's headers; {@code validate}: names checked as they are added (metadata is added). */
    private static Http2Headers headerBlock(boolean validate) {
        return new DefaultHttp2Headers(validate, 4)
                .status(OK)
                .set(CONTENT_TYPE_NAME, CONTENT_TYPE)
                .set(ACCEPT_ENCODING_NAME, ACCEPT_ENCODING);
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
        stream.writeData(frame, false);
        if (flush) {
            stream.flush();
        }
    }

    /** Ends the stream with {@code status}; {@code message} may be null. */
    void trailers(GrpcStatus status, String message, Map<String, String> metadata) {
        if (headersSent && status == GrpcStatus.OK && message == null && metadata.isEmpty()) {
            stream.writeHeaders(OK_TRAILERS, true);
            stream.flush();
            return;
        }
        Http2Headers trailers = new DefaultHttp2Headers(!metadata.isEmpty());
        if (!headersSent) {
            headersSent = true;
            trailers.status(OK).set(CONTENT_TYPE_NAME, CONTENT_TYPE);
            if (acceptEncoding) {
                trailers.set(ACCEPT_ENCODING_NAME, ACCEPT_ENCODING);
            }
        }
        trailers.setInt(STATUS_NAME, status.code());
        if (message != null && !message.isEmpty()) {
            trailers.set("grpc-message", StatusMessages.encode(message));
        }
        addMetadata(trailers, metadata);
        stream.writeHeaders(trailers, true);
        stream.flush();
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
        stream.writeHeaders(headers, true);
        stream.flush();
    }
}
