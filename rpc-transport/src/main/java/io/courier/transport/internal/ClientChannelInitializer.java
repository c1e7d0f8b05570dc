package io.courier.transport.internal;

import io.courier.protocol.BodyDecoder;
import io.courier.protocol.FrameDecoder;
import io.courier.protocol.FrameEncoder;
import io.courier.protocol.Serializers;
import io.courier.transport.TransportOptions;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.netty.util.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Builds each client connection's pipeline and its {@link ClientConnection}:
 *
 * <pre>
 * idle (ping after 1 heartbeat of write silence, close after 3 of read silence)
 *   -> frame decoder -> frame encoder -> client handler
 * </pre>
 */
public final class ClientChannelInitializer extends ChannelInitializer<SocketChannel> {

    /** Where the initializer leaves the connection for whoever connected the channel. */
    public static final AttributeKey<ClientConnection> CONNECTION = AttributeKey.valueOf("courier.connection");

    /** The endpoint being connected, set on the bootstrap, for error messages. */
    public static final AttributeKey<String> PEER = AttributeKey.valueOf("courier.peer");

    private final TransportOptions options;
    private final Serializers serializers;
    private final FrameEncoder encoder;
    private final BodyDecoder bodyDecoder;
    private final Timer timer;

    public ClientChannelInitializer(
            TransportOptions options, Serializers serializers, FrameEncoder encoder, Timer timer) {
        this.options = options;
        this.serializers = serializers;
        this.encoder = encoder;
        this.bodyDecoder = new BodyDecoder(options.protocol(), serializers);
        this.timer = timer;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ClientConnection connection =
                new ClientConnection(channel, encoder, timer, channel.attr(PEER).get());
        channel.attr(CONNECTION).set(connection);
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast(
                "idle",
                new IdleStateHandler(
                        options.idleTimeoutMillis(), options.heartbeatIntervalMillis(), 0, TimeUnit.MILLISECONDS));
        pipeline.addLast("decoder", new FrameDecoder(options.protocol(), serializers));
        pipeline.addLast("encoder", encoder);
        pipeline.addLast("handler", new ClientHandler(connection, bodyDecoder));
    }
}
