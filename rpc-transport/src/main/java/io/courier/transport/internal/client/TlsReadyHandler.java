package io.courier.transport.internal.client;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Decides when a client's TLS connection may carry calls: not when the client's handshake is done,
 * but when the server proved it accepted the handshake by sending application data. In TLS 1.3 the
 * client finishes its handshake before the server has checked the client's certificate; a server
 * that then refuses it answers with an alert, and calls sent in between would fail as lost
 * connections ("may have executed") instead of as refused connects. So after the handshake the
 * client pings, and the connection is ready on the first decrypted byte (the pong). The server
 * decrypts no request before it accepted the handshake, so a failure before that point is a
 * {@link ErrorCode#CONNECT_FAILED}, "not executed".
 *
 * <p>Sits right after the {@code SslHandler} and removes itself once the connection is ready. Event
 * loop only.
 */
public final class TlsReadyHandler extends ChannelInboundHandlerAdapter {

    private final String peer;
    private final long timeoutMillis;
    private final CompletableFuture<ClientConnection> ready = new CompletableFuture<>();
    private ScheduledFuture<?> timeout;
    private Throwable failure;

    TlsReadyHandler(String peer, long timeoutMillis) {
        this.peer = peer;
        this.timeoutMillis = timeoutMillis;
    }

    /** The connection once the server accepted the handshake; fails with {@code CONNECT_FAILED}. */
    CompletableFuture<ClientConnection> ready() {
        return ready;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        timeout = ctx.executor()
                .schedule(
                        () -> {
                            if (fail(
                                    "not complete within " + timeoutMillis + " ms (tls.handshakeTimeoutMillis)",
                                    null)) {
                                ctx.close();
                            }
                        },
                        timeoutMillis,
                        TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                ctx.channel().attr(ClientChannelInitializer.CONNECTION).get().ping();
            } else if (failure == null) {
                failure = handshake.cause();
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        cancelTimeout();
        ctx.pipeline().remove(this);
        ready.complete(ctx.channel().attr(ClientChannelInitializer.CONNECTION).get());
        ctx.fireChannelRead(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failure == null) {
            failure = cause;
        }
        ctx.fireExceptionCaught(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimeout();
        SSLException tls = tlsFailure(failure);
        if (tls != null) {
            fail("failed: " + tls.getClass().getSimpleName() + ": " + tls.getMessage(), failure);
        } else {
            fail(
                    "failed: the server closed the connection before accepting the handshake (is it serving TLS?)",
                    failure);
        }
        ctx.fireChannelInactive();
    }

    private boolean fail(String why, Throwable cause) {
        return ready.completeExceptionally(
                new RpcException(ErrorCode.CONNECT_FAILED, "TLS handshake with " + peer + " " + why, cause));
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    /** The TLS reason, which Netty wraps in a {@code DecoderException}; null if there is none. */
    private static SSLException tlsFailure(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SSLException ssl) {
                return ssl;
            }
        }
        return null;
    }
}
