package io.courier.gateway.grpcweb;

import io.courier.api.Endpoint;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's HTTP/2 connections to providers' gRPC endpoints (prior knowledge, one connection per
 * endpoint, opened on first use and again after it closed): one call is one HTTP/2 stream, whose
 * response frames go to a {@link Listener} as they arrive, so a browser's stream reads at the
 * provider's pace. Thread-safe.
 */
public final class GrpcUpstream implements AutoCloseable {

    /** What one call's response delivers, in order: headers, data, end; or failed. Called on an IO thread. */
    public interface Listener {
        /** The response headers (not called for a trailers-only answer). */
        void headers(Http2Headers headers);

        /** gRPC-framed response bytes, owned by the listener. */
        void data(ByteBuf data);

        /** The trailers (or the headers of a trailers-only answer): the call is over. */
        void end(Http2Headers trailers);

        /** The stream or its connection failed before the trailers. */
        void failed(Throwable cause);
    }

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;
    private final Map<String, ChannelFuture> connections = new ConcurrentHashMap<>();

    public GrpcUpstream(EventLoopGroup group, Class<? extends SocketChannel> channelType) {
        this.group = group;
        this.channelType = channelType;
    }

    /**
     * Sends {@code headers} and {@code body} (one gRPC-framed request, released here) to {@code
     * endpoint}; the answer goes to {@code listener}. Closing {@code downstream} (the browser went
     * away) resets the stream, which cancels the provider's call.
     */
    public void call(Endpoint endpoint, Http2Headers headers, ByteBuf body, Channel downstream, Listener listener) {
        connection(endpoint).addListener((ChannelFuture connected) -> {
            if (!connected.isSuccess()) {
                ReferenceCountUtil.release(body);
                listener.failed(connected.cause());
                return;
            }
            new Http2StreamChannelBootstrap(connected.channel())
                    .handler(new ResponseReader(listener))
                    .open()
                    .addListener(opened -> {
                        if (!opened.isSuccess()) {
                            ReferenceCountUtil.release(body);
                            listener.failed(opened.cause());
                            return;
                        }
                        Http2StreamChannel stream = (Http2StreamChannel) opened.getNow();
                        downstream.closeFuture().addListener(closed -> stream.close());
                        stream.write(new DefaultHttp2HeadersFrame(headers));
                        stream.writeAndFlush(new DefaultHttp2DataFrame(body, true));
                    });
        });
    }

    /** The headers of a gRPC call of {@code path} at {@code endpoint}, to add metadata to. */
    public static Http2Headers requestHeaders(Endpoint endpoint, String path) {
        return new io.netty.handler.codec.http2.DefaultHttp2Headers()
                .method("POST")
                .scheme("http")
                .authority(endpoint.host() + ":" + endpoint.port())
                .path(path)
                .set("content-type", "application/grpc")
                .set("te", "trailers");
    }

    private ChannelFuture connection(Endpoint endpoint) {
        String address = endpoint.host() + ":" + endpoint.port();
        return connections.compute(address, (key, existing) -> {
            if (existing != null && (!existing.isDone() || existing.channel().isActive())) {
                return existing;
            }
            return new Bootstrap()
                    .group(group)
                    .channel(channelType)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline()
                                    .addLast(Http2FrameCodecBuilder.forClient().build())
                                    .addLast(new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                        }
                    })
                    .connect(endpoint.host(), endpoint.port());
        });
    }

    /** Closes every connection to the providers. */
    @Override
    public void close() {
        connections.values().forEach(future -> future.channel().close());
        connections.clear();
    }

    /** One stream's response frames, to its listener. */
    private static final class ResponseReader extends ChannelInboundHandlerAdapter {
        private final Listener listener;
        private boolean headersSeen;
        private boolean ended;

        ResponseReader(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (ended) {
                ReferenceCountUtil.release(msg);
            } else if (msg instanceof Http2HeadersFrame frame) {
                if (frame.isEndStream()) {
                    ended = true;
                    listener.end(frame.headers());
                } else if (!headersSeen) {
                    headersSeen = true;
                    listener.headers(frame.headers());
                }
            } else if (msg instanceof Http2DataFrame frame) {
                listener.data(frame.content().retain());
                frame.release();
                if (frame.isEndStream()) {
                    ended = true;
                    listener.failed(new IOException("the provider ended the stream without trailers"));
                }
            } else {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!ended) {
                ended = true;
                listener.failed(new IOException("the provider's stream closed before its trailers"));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!ended) {
                ended = true;
                listener.failed(cause);
            }
            ctx.close();
        }
    }
}
