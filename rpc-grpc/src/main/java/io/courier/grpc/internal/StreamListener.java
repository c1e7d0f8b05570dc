package io.courier.grpc.internal;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http2.Http2Headers;

/**
 * What one HTTP/2 stream's server side hears from {@link GrpcConnectionHandler}: the caller's headers and
 * DATA, its reset, the stream's close and its outbound window opening again. Every method runs on the
 * connection's event loop.
 */
interface StreamListener {

    /** A header block: the request's headers first, then (with {@code endStream}) the caller's trailers. */
    void headers(Http2Headers headers, boolean endStream);

    /** DATA bytes; {@code data} is released after this returns, so what is kept must be retained. */
    void data(ByteBuf data, boolean endStream);

    /** The caller reset the stream ({@code RST_STREAM}): nothing more is sent on it. */
    void reset();

    /** The stream has closed, for any reason (after a reset, an answer, the connection's end). Once. */
    void closed();

    /** The stream can take more DATA again (its flow-control window and the connection's are open). */
    default void writable() {}

    /** This listener failed on {@code cause}: by default the stream is reset with {@code INTERNAL_ERROR}. */
    default void failed(GrpcStream stream, Throwable cause) {
        stream.reset();
    }
}
