package io.courier.gateway;

import io.courier.gateway.Problems.Problem;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Aggregates a request up to the body limit. Over the limit (a Content-Length that says so, or a
 * chunked body that grows past it), the gateway stops reading from the connection, answers 413 and
 * closes it: nothing past the limit is read into memory.
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
        ctx.writeAndFlush(Responses.problem(problem)).addListener(ChannelFutureListener.CLOSE);
    }
}
