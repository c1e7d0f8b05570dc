package io.courier.gateway;

import io.courier.gateway.Problems.Problem;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2StreamChannel;

/**
 * Aggregates a request up to the body limit. Over the limit (a Content-Length that says so, or a
 * chunked body that grows past it), the gateway stops reading from the connection, answers 413 and
 * closes it: nothing past the limit is read into memory. On an HTTP/2 stream only that stream ends
 * (the answer, then {@code RST_STREAM(NO_ERROR)}); the connection's other streams go on.
 */
final class BodyLimit extends HttpObjectAggregator {

    private final Runnable onRefused;

    BodyLimit(int maxBodyBytes, Runnable onRefused) {
        super(maxBodyBytes);
        this.onRefused = onRefused;
    }

    @Override
    protected void handleOversizedMessage(
            ChannelHandlerContext ctx, io.netty.handler.codec.http.HttpMessage oversized) {
        ctx.channel().config().setAutoRead(false);
        onRefused.run();
        Problem problem = Problems.of(
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "the body is over the gateway's limit of " + maxContentLength() + " bytes");
        if (ctx.channel() instanceof Http2StreamChannel) {
            // RFC 9113 section 8.1: a complete answer before the request is complete, then
            // RST_STREAM(NO_ERROR) so that the client stops sending and keeps the answer
            // (after the answer's DATA left: flow control may hold it, and a reset would drop it)
            ctx.writeAndFlush(Responses.problem(problem))
                    .addListener(written -> ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.NO_ERROR))
                            .addListener(ChannelFutureListener.CLOSE));
            return;
        }
        ctx.writeAndFlush(Responses.problem(problem)).addListener(ChannelFutureListener.CLOSE);
    }
}
