package io.courier.bench.raw;

import io.courier.bench.workload.UserService;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** The server side of the raw RPC: one event loop group, the frame decoder and {@link RawServerHandler}. */
public final class RawRpcServer implements AutoCloseable {

    private final EventLoopGroup group;
    private final Channel channel;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RawRpcServer(EventLoopGroup group, Channel channel) {
        this.group = group;
        this.channel = channel;
    }

    /**
     * Serves {@code service} on {@code host:port} ({@code port} 0 picks a free one).
     *
     * @throws InterruptedException if interrupted while binding
     */
    public static RawRpcServer start(UserService service, String host, int port) throws InterruptedException {
        EventLoopGroup group = new NioEventLoopGroup();
        RawServerHandler handler = new RawServerHandler(service);
        try {
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    .addLast(new LengthFieldBasedFrameDecoder(
                                            WireFormat.MAX_FRAME,
                                            0,
                                            WireFormat.LENGTH_FIELD,
                                            0,
                                            WireFormat.LENGTH_FIELD))
                                    .addLast(handler);
                        }
                    })
                    .bind(host, port)
                    .sync()
                    .channel();
            return new RawRpcServer(group, channel);
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** The bound port. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Stops serving and stops the threads; later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
