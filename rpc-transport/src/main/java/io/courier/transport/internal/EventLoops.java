package io.courier.transport.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty transport to run on: native epoll when asked for and available (Linux x86_64 with the
 * native library loadable), NIO otherwise. Chosen once per client or server.
 *
 * @param epoll whether this is the native epoll transport
 */
public record EventLoops(boolean epoll) {

    private static final Logger log = LoggerFactory.getLogger(EventLoops.class);

    /** Epoll if {@code preferNative} and the native transport loads, else NIO. */
    public static EventLoops select(boolean preferNative) {
        if (preferNative) {
            if (Epoll.isAvailable()) {
                return new EventLoops(true);
            }
            log.debug("native epoll unavailable, using NIO", Epoll.unavailabilityCause());
        }
        return new EventLoops(false);
    }

    /**
     * The transport of a group made elsewhere, e.g. a host application's.
     *
     * @throws IllegalArgumentException unless it is an {@link EpollEventLoopGroup} or a {@link NioEventLoopGroup}
     */
    public static EventLoops of(EventLoopGroup group) {
        if (group instanceof EpollEventLoopGroup) {
            return new EventLoops(true);
        }
        if (group instanceof NioEventLoopGroup) {
            return new EventLoops(false);
        }
        throw new IllegalArgumentException("hostEventLoops: " + group.getClass().getName()
                + " (expected: an EpollEventLoopGroup or a NioEventLoopGroup)");
    }

    /** A new group of {@code threads} event loops whose threads are named {@code name-N-M}. */
    public EventLoopGroup newGroup(int threads, String name) {
        ThreadFactory factory = new DefaultThreadFactory(name, true);
        return epoll ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
    }

    public Class<? extends SocketChannel> socketChannel() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public Class<? extends ServerSocketChannel> serverSocketChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** {@code epoll} or {@code nio}, for logs and stats. */
    public String name() {
        return epoll ? "epoll" : "nio";
    }
}
