package io.courier.transport.internal.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a server to its maximum number of connections. It sits in the listening channel's pipeline,
 * before Netty's acceptor, so an accepted socket over the limit (or arriving while the server
 * closes) is closed on the spot, in accept order, before it gets an event loop, a pipeline or a
 * buffer. Thread-safe.
 */
@ChannelHandler.Sharable
public final class ConnectionLimit extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionLimit.class);

    private final int max;
    private final BooleanSupplier closing;
    private final AtomicInteger open = new AtomicInteger();

    public ConnectionLimit(int max, BooleanSupplier closing) {
        this.max = max;
        this.closing = closing;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel child = (Channel) msg;
        if (closing.getAsBoolean() || !tryAcquire()) {
            log.debug("refusing {}: {} of {} connections open or closing", child, open.get(), max);
            child.unsafe().closeForcibly();
            return;
        }
        child.closeFuture().addListener(f -> open.decrementAndGet());
        ctx.fireChannelRead(child);
    }

    private boolean tryAcquire() {
        while (true) {
            int current = open.get();
            if (current >= max) {
                return false;
            }
            if (open.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Connections open now. */
    public int open() {
        return open.get();
    }
}
