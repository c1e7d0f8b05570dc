package io.courier.transport.internal.client;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.transport.internal.channel.Outbound;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.concurrent.CompletableFuture;

/**
 * An encoded oneway request on its way out: its call is done once the request is handed to the
 * socket, since no answer ever comes.
 */
public final class OnewayRequest implements Outbound {

    private static final RpcResult DONE = RpcResult.of(null);

    private final CompletableFuture<RpcResult> future;
    private final Channel channel;
    private ByteBuf frame;

    OnewayRequest(ByteBuf frame, CompletableFuture<RpcResult> future, Channel channel) {
        this.frame = frame;
        this.future = future;
        this.channel = channel;
    }

    @Override
    public Object message() {
        ByteBuf out = frame;
        frame = null;
        return out;
    }

    @Override
    public void onWritten() {
        future.complete(DONE);
    }

    @Override
    public boolean request() {
        return true;
    }

    @Override
    public void onDropped(ErrorCode reason) {
        ByteBuf out = frame;
        frame = null;
        if (out != null) {
            out.release();
        }
        future.completeExceptionally(new RpcException(
                reason == ErrorCode.TIMEOUT ? ErrorCode.NETWORK : reason,
                true,
                "oneway request not sent on " + channel + " (" + reason + ")",
                null));
    }
}
