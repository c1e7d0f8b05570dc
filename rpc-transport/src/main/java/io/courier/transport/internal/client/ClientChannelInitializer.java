package io.courier.transport.internal.client;

import io.courier.api.Endpoint;
import io.courier.protocol.frame.BodyDecoder;
import io.courier.protocol.frame.FrameDecoder;
import io.courier.protocol.frame.FrameEncoder;
import io.courier.protocol.frame.StreamFrames;
import io.courier.protocol.serialization.Serializers;
import io.courier.transport.TransportOptions;
import io.courier.transport.internal.stream.ClientStreamHandler;
import io.courier.transport.internal.stream.StreamGauges;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.netty.util.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Builds each client connection's pipeline and its {@link ClientConnection}:
 *
 * <pre>
 * [TLS -> TLS ready, when TLS is on]
 *   -> idle (ping after 1 heartbeat of write silence, close after 3 of read silence)
 *   -> frame decoder -> frame encoder -> stream handler -> client handler
 * </pre>
 */
public final class ClientChannelInitializer extends ChannelInitializer<SocketChannel> {

    /** Where the initializer leaves the connection for whoever connected the channel. */
    public static final AttributeKey<ClientConnection> CONNECTION = AttributeKey.valueOf("courier.connection");

    /** The endpoint being connected, set on the bootstrap, for error messages. */
    public static final AttributeKey<String> PEER = AttributeKey.valueOf("courier.peer");

    /** The endpoint being connected, set on the bootstrap, for the TLS peer name. */
    public static final AttributeKey<Endpoint> ENDPOINT = AttributeKey.valueOf("courier.endpoint");

    private final TransportOptions options;
    private final Serializers serializers;
    private final FrameEncoder encoder;
    private final BodyDecoder bodyDecoder;
    private final Timer timer;
    private final SslContext tls;
    private final StreamGauges streamGauges;
    private final StreamFrames streamFrames;

    /** @param tls the TLS context when TLS is on, else null */
    public ClientChannelInitializer(
            TransportOptions options,
            Serializers serializers,
            FrameEncoder encoder,
            Timer timer,
            SslContext tls,
            StreamGauges streamGauges) {
        this.options = options;
        this.tls = tls;
        this.serializers = serializers;
        this.encoder = encoder;
        this.bodyDecoder = new BodyDecoder(options.protocol(), serializers);
        this.timer = timer;
        this.streamGauges = streamGauges;
        this.streamFrames = new StreamFrames(options.protocol());
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ClientConnection connection = new ClientConnection(
                channel, encoder, timer, channel.attr(PEER).get(), streamFrames, options.streams(), streamGauges);
        channel.attr(CONNECTION).set(connection);
        ChannelPipeline pipeline = channel.pipeline();
        if (tls != null) {
            Endpoint endpoint = channel.attr(ENDPOINT).get();
            // The peer host and port drive hostname verification and the SNI name.
            SslHandler ssl = tls.newHandler(channel.alloc(), endpoint.host(), endpoint.port());
            // No timer of its own: TlsReadyHandler bounds the handshake and the first round trip together.
            ssl.setHandshakeTimeoutMillis(0);
            pipeline.addLast("tls", ssl);
            pipeline.addLast(
                    "tlsReady",
                    new TlsReadyHandler(endpoint.toString(), options.tls().handshakeTimeoutMillis()));
        }
        pipeline.addLast("idle", new IdleStateHandler(options.idleTimeoutMillis(), 0, 0, TimeUnit.MILLISECONDS));
        // Not IdleStateHandler's writer half: it costs a promise and a listener per request.
        pipeline.addLast("heartbeat", new HeartbeatTimer(options.heartbeatIntervalMillis()));
        pipeline.addLast("decoder", new FrameDecoder(options.protocol(), serializers));
        pipeline.addLast("encoder", encoder);
        pipeline.addLast("streams", new ClientStreamHandler(connection.streams(), streamFrames));
        pipeline.addLast("handler", new ClientHandler(connection, bodyDecoder));
    }

    /**
     * The connection of a connected {@code channel} once it may carry calls: at once without TLS;
     * with TLS once the server accepted the handshake, or failed with a {@code CONNECT_FAILED}
     * {@link io.courier.api.RpcException} naming the TLS reason.
     */
    public static CompletableFuture<ClientConnection> ready(Channel channel) {
        TlsReadyHandler tlsReady = channel.pipeline().get(TlsReadyHandler.class);
        return tlsReady != null
                ? tlsReady.ready()
                : CompletableFuture.completedFuture(channel.attr(CONNECTION).get());
    }
}
