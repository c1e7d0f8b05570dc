package io.courier.rest.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Gathers a request's body up to the limit; a larger one (declared, or sent in chunks) is answered 413
 * as problem JSON and the connection closed ({@link Linger}), the body never gathered.
 */
public final class BodyLimit extends HttpObjectAggregator {

    public BodyLimit(int maxBodyBytes) {
        super(maxBodyBytes);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        FullHttpResponse response =
                RestResponses.problem(413, "the body is larger than " + maxContentLength() + " bytes", ctx.alloc());
        HttpUtil.setContentLength(response, response.content().readableBytes());
        response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        Linger.close(ctx.writeAndFlush(response));
    }
}
