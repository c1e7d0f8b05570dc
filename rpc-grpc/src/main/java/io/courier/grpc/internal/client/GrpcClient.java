package io.courier.grpc.internal.client;

import io.courier.api.Endpoint;
import io.courier.api.Invoker;
import io.courier.grpc.GrpcOptions;
import io.courier.transport.CallOptions;
import io.courier.transport.CallProtocol;
import io.courier.transport.KeptConnections;
import io.courier.transport.TransportOptions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.util.ReferenceCountUtil;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Courier's consumer side of gRPC: calls stock gRPC servers (grpc-java, Go, Python, another Courier
 * provider's gRPC endpoint) that a reference's directory lists, over HTTP/2 with prior knowledge (h2c),
 * one multiplexed connection per server, each call one stream, under the reference's filters, cluster and
 * retries. Messages are written and read by the first {@link MethodMarshaller.Factory} that covers a
 * method. Its own event loop, stopped by {@link #close()}. Thread-safe.
 */
public final class GrpcClient implements CallProtocol {

    private final GrpcOptions options;
    private final ClientMethods methods;
    private final KeptConnections<GrpcEndpoint> endpoints;

    /**
     * @param options the limits: {@link GrpcOptions#maxMessageBytes()} bounds an answer's message, {@link
     *     GrpcOptions#maxHeaderListBytes()} its header blocks
     * @param transport the application client's options: I/O threads, connect timeout, reconnect backoff
     * @param marshallers the encodings a method may travel in, asked in order
     */
    public GrpcClient(GrpcOptions options, TransportOptions transport, List<MethodMarshaller.Factory> marshallers) {
        this.options = options;
        this.methods = new ClientMethods(marshallers);
        // every call to a server shares one connection
        this.endpoints = new KeptConnections<>(
                "gRPC client",
                "courier-grpc-client",
                transport,
                channel -> {
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
                },
                (endpoint, bootstrap, group) -> new GrpcEndpoint(
                        endpoint,
                        bootstrap,
                        group,
                        transport.reconnectBackoffBaseMillis(),
                        transport.reconnectBackoffMaxMillis()));
    }

    @Override
    public Invoker invoker(Endpoint endpoint, CallOptions callOptions, LongSupplier timeoutMillis) {
        GrpcEndpoint connection = endpoints.connection(endpoint);
        return new GrpcInvoker(connection, methods, timeoutMillis, options.maxMessageBytes());
    }

    @Override
    public void closeEndpoint(Endpoint endpoint) {
        endpoints.closeEndpoint(endpoint);
    }

    @Override
    public void close() {
        endpoints.close();
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
