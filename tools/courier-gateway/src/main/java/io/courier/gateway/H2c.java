package io.courier.gateway;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.AsciiString;
import java.util.function.Consumer;

/**
 * HTTP/2 over cleartext: by prior knowledge (the client starts with the connection preface) or by
 * an HTTP/1.1 {@code Upgrade: h2c}; anything else stays HTTP/1.1. Each HTTP/2 stream becomes a
 * child channel whose pipeline converts frames to HTTP objects and then runs the same handlers as
 * an HTTP/1.1 connection. The HTTP/1.1 limits carry over: the header block is limited by
 * {@code SETTINGS_MAX_HEADER_LIST_SIZE}, the body of each stream by the body limit, an upgrade
 * request's body by the body limit too.
 */
final class H2c {

    /** Streams one connection may have open at once. */
    static final int MAX_CONCURRENT_STREAMS = 100;

    private H2c() {}

    /**
     * @param http1 the HTTP/1.1 codec, with its line and header limits
     * @param exchange adds the per-request handlers to a pipeline
     */
    static ChannelHandler cleartext(HttpServerCodec http1, GatewayOptions options, Consumer<ChannelPipeline> exchange) {
        HttpServerUpgradeHandler.UpgradeCodecFactory upgrades =
                protocol -> AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                        ? new Http2ServerUpgradeCodec(frameCodec(options), multiplex(exchange), new ProtocolErrors())
                        : null;
        return new CleartextHttp2ServerUpgradeHandler(
                http1,
                new HttpServerUpgradeHandler(http1, upgrades, options.maxBodyBytes()),
                new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(frameCodec(options), multiplex(exchange), new ProtocolErrors());
                    }
                });
    }

    private static Http2FrameCodec frameCodec(GatewayOptions options) {
        Http2Settings settings = Http2Settings.defaultSettings()
                .maxHeaderListSize(options.maxHeaderBytes())
                .maxConcurrentStreams(MAX_CONCURRENT_STREAMS);
        return Http2FrameCodecBuilder.forServer()
                .initialSettings(settings)
                .validateHeaders(true)
                .build();
    }

    private static ChannelHandler multiplex(Consumer<ChannelPipeline> exchange) {
        return new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel stream) {
                stream.pipeline().addLast("h2-to-http", new Http2StreamFrameToHttpObjectCodec(true));
                exchange.accept(stream.pipeline());
            }
        });
    }

    /**
     * The end of an HTTP/2 connection's pipeline: a protocol error of a peer (a flood, a malformed
     * frame) has already been answered by the codec with RST_STREAM or GOAWAY; here it is one line at
     * DEBUG naming the peer, instead of a WARN stack trace from the pipeline's tail.
     */
    private static final class ProtocolErrors extends io.netty.channel.ChannelInboundHandlerAdapter {
        private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(H2c.class);

        @Override
        public void exceptionCaught(io.netty.channel.ChannelHandlerContext ctx, Throwable cause) {
            log.debug("HTTP/2 error from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        }
    }
}
