package io.courier.gateway;

import io.courier.gateway.msgpack.MessagePackBodies;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import java.util.List;

/**
 * What answering one request needs: the context it arrived on (an HTTP/1.1 connection, an HTTP/2
 * stream's channel, or an HTTP/2 connection that serves the stream itself, then {@code stream} is
 * set), what the answer repeats of the request, and whether a call's answer is asked for in
 * MessagePack ({@link MessagePackBodies}).
 */
record Exchange(
        ChannelHandlerContext ctx,
        HttpMethod method,
        String uri,
        boolean keepAlive,
        String origin,
        long startedNanos,
        UnaryStream stream,
        boolean answersMessagePack) {

    Exchange(
            ChannelHandlerContext ctx,
            HttpMethod method,
            String uri,
            boolean keepAlive,
            String origin,
            long startedNanos,
            UnaryStream stream) {
        this(ctx, method, uri, keepAlive, origin, startedNanos, stream, false);
    }

    /** This exchange, its call answered in MessagePack if {@code body} asks for it. */
    Exchange answering(MessagePackBodies.Body body) {
        return body.answersMessagePack()
                ? new Exchange(ctx, method, uri, keepAlive, origin, startedNanos, stream, true)
                : this;
    }

    /** The client's address as text, kept on its channel: it is the same for every request of a connection. */
    private static final AttributeKey<String> CLIENT = AttributeKey.valueOf(Exchange.class, "client");

    /** Whom the rate and stream limits count a request against: the client's address. */
    String client() {
        Attribute<String> kept = ctx.channel().attr(CLIENT);
        String client = kept.get();
        if (client == null) {
            // an HTTP/2 stream's remote address is its connection's
            java.net.SocketAddress remote = ctx.channel().remoteAddress();
            client = remote instanceof java.net.InetSocketAddress address
                    ? address.getAddress().getHostAddress()
                    : String.valueOf(remote);
            kept.set(client);
        }
        return client;
    }

    /** Whether the answer can still be written: the stream not reset, the connection open. */
    boolean active() {
        return stream != null ? stream.open() : ctx.channel().isActive();
    }

    /** Runs {@code gone} when the client goes away first; the answer runs what this returns. */
    Runnable onGone(Runnable gone) {
        if (stream != null) {
            stream.onGone(gone);
            return () -> stream.onGone(null);
        }
        ChannelFutureListener listener = closed -> gone.run();
        ctx.channel().closeFuture().addListener(listener);
        return () -> ctx.channel().closeFuture().removeListener(listener);
    }

    /** Writes {@code response} with the CORS headers of its origin, if allowed. */
    void write(FullHttpResponse response, List<String> cors) {
        if (stream != null) {
            Responses.cors(response.headers(), origin, cors);
            stream.write(response);
        } else {
            Responses.write(ctx, response, keepAlive, origin, cors);
        }
    }

    /**
     * Writes a call's answer, {@code json}, as {@code 200 application/json} with the same headers as
     * {@link #write}; on a stream its HTTP/2 header block is made without an HTTP/1.1 response first.
     * Converted to {@code 200 application/msgpack} if that is what the caller asked for.
     */
    void writeJsonOk(byte[] json, List<String> cors) {
        if (answersMessagePack) {
            write(
                    Responses.of(
                            HttpResponseStatus.OK, MessagePackBodies.CONTENT_TYPE, MessagePackBodies.fromJson(json)),
                    cors);
            return;
        }
        if (stream != null) {
            stream.write(Responses.http2JsonOk(json.length, origin, cors), Unpooled.wrappedBuffer(json));
        } else {
            Responses.write(
                    ctx, Responses.of(HttpResponseStatus.OK, "application/json", json), keepAlive, origin, cors);
        }
    }
}
