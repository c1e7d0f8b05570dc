package io.courier.grpc.internal.client;

import io.courier.api.Endpoint;
import io.courier.api.Invoker;
import io.courier.grpc.GrpcOptions;
import io.courier.transport.CallOptions;
import io.courier.transport.CallProtocol;
import io.courier.transport.TransportOptions;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Courier's consumer side of gRPC: calls stock gRPC servers (grpc-java, Go, Python, another Courier
 * provider's gRPC endpoint) that a reference's directory lists, over HTTP/2 with prior knowledge (h2c),
 * one multiplexed connection per server, each call one stream, under the reference's filters, cluster and
 * retries. Messages are written and read by the first {@link MethodMarshaller.Factory} that covers a
 * method. Its own event loop, stopped by {@link #close()}. Thread-safe.
 */
public final class GrpcClient implements CallProtocol {

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final TransportOptions transport;
    private final GrpcOptions options;
    private final ClientMethods methods;
    private final Map<Endpoint, GrpcEndpoint> endpoints = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param options the limits: {@link GrpcOptions#maxMessageBytes()} bounds an answer's message, {@link
     *     GrpcOptions#maxHeaderListBytes()} its header blocks
     * @param transport the application client's options: I/O threads, connect timeout, reconnect backoff
     * @param marshallers the encodings a method may travel in, asked in order
     */
    public GrpcClient(GrpcOptions options, TransportOptions transport, List<MethodMarshaller.Factory> marshallers) {
        this.options = options;
        this.transport = transport;
        this.methods = new ClientMethods(marshallers);
        // every call to a server shares one connection: one or two loops are plenty
        this.group = new NioEventLoopGroup(
                Math.min(2, transport.ioThreads()), new DefaultThreadFactory("courier-grpc-client", true));
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        Math.min(Integer.MAX_VALUE, transport.connectTimeoutMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.attr(GrpcEndpoint.CONNECTION).set(new GrpcEndpoint.Connection());
                        channel.pipeline()
                                .addLast(
                                        "http2",
                                        Http2FrameCodecBuilder.forClient()
                                                .initialSettings(Http2Settings.defaultSettings()
                                                        .pushEnabled(false)
                                                        .maxHeaderListSize(options.maxHeaderListBytes()))
                                                // streams past the server's limit wait for a free one
                                                .encoderEnforceMaxConcurrentStreams(true)
                                                .build())
                                .addLast("streams", new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()))
                                .addLast("connection", ConnectionEvents.INSTANCE);
                    }
                });
    }

    @Override
    public Invoker invoker(Endpoint endpoint, CallOptions callOptions, LongSupplier timeoutMillis) {
        if (closed) {
            throw new IllegalStateException("gRPC client closed");
        }
        GrpcEndpoint connection = endpoints.computeIfAbsent(endpoint, this::open);
        return new GrpcInvoker(connection, methods, timeoutMillis, options.maxMessageBytes());
    }

    private GrpcEndpoint open(Endpoint endpoint) {
        GrpcEndpoint connection = new GrpcEndpoint(
                endpoint,
                bootstrap,
                group,
                transport.reconnectBackoffBaseMillis(),
                transport.reconnectBackoffMaxMillis());
        // connect now, so that the endpoint is available by the first call
        connection.channel();
        return connection;
    }

    @Override
    public void closeEndpoint(Endpoint endpoint) {
        GrpcEndpoint connection = endpoints.remove(endpoint);
        if (connection != null) {
            connection.closeWhenIdle();
        }
    }

    @Override
    public void close() {
        closed = true;
        for (GrpcEndpoint connection : List.copyOf(endpoints.values())) {
            connection.close();
        }
        endpoints.clear();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return "GrpcClient";
    }

    /**
     * The connection's own frames past the streams: a {@code GOAWAY} retires the connection (its streams
     * above the server's last one are failed "not executed" by their own handlers); the rest (settings,
     * pings, acknowledgements) is released here.
     */
    @io.netty.channel.ChannelHandler.Sharable
    private static final class ConnectionEvents extends ChannelInboundHandlerAdapter {
        static final ConnectionEvents INSTANCE = new ConnectionEvents();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof Http2GoAwayFrame) {
                    Channel channel = ctx.channel();
                    channel.attr(GrpcEndpoint.CONNECTION).get().retire(channel);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
