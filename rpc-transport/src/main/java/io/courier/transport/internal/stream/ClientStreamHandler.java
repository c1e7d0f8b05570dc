package io.courier.transport.internal.stream;

import io.courier.api.RpcException;
import io.courier.protocol.ProtocolException;
import io.courier.protocol.frame.InboundResponse;
import io.courier.protocol.frame.InboundStreamFrame;
import io.courier.protocol.frame.StreamFrames;
import io.courier.transport.internal.client.ClientHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.OptionalLong;

/**
 * Takes a client connection's stream frames out of the pipeline, before the {@link ClientHandler}:
 * stream frames go to the connection's {@link ClientStreams}, as do an older provider's error
 * responses to open frames it could not read and protocol errors that name a stream. Everything
 * else passes on untouched.
 */
public final class ClientStreamHandler extends ChannelInboundHandlerAdapter {

    private final ClientStreams streams;
    private final StreamFrames frames;

    public ClientStreamHandler(ClientStreams streams, StreamFrames frames) {
        this.streams = streams;
        this.frames = frames;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof InboundStreamFrame frame) {
            try {
                streams.onFrame(frame);
            } finally {
                frame.release();
            }
            return;
        }
        if (msg instanceof InboundResponse response && response.isError() && streams.size() > 0) {
            RpcException error;
            try {
                error = frames.readError(response);
            } catch (RpcException e) {
                error = e;
            }
            if (streams.onResponse(response, error)) {
                response.release();
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ProtocolException protocol) {
            OptionalLong id = protocol.requestId();
            if (id.isPresent()) {
                streams.fail(
                        id.getAsLong(),
                        new RpcException(protocol.code(), protocol.notExecuted(), protocol.getMessage(), null));
            }
        }
        ctx.fireExceptionCaught(cause);
    }
}
