package io.courier.transport.internal.server;

import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.frame.FrameDecoder;
import io.courier.protocol.frame.FrameEncoder;
import io.courier.protocol.frame.StreamFrames;
import io.courier.protocol.serialization.Serializers;
import io.courier.transport.PortProtocol;
import io.courier.transport.TransportOptions;
import io.courier.transport.internal.channel.OutboundQueue;
import io.courier.transport.internal.executor.ServerContext;
import io.courier.transport.internal.stream.ServerStreams;
import io.courier.transport.internal.stream.StreamChannel;
import io.courier.transport.internal.stream.StreamGauges;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Builds the pipeline of each connection the {@link ConnectionLimit} let in:
 *
 * <pre>
 * [TLS, when TLS is on] -> idle close (3 heartbeats) -> frame deadline -> frame decoder -> frame encoder -> server handler
 * </pre>
 *
 * <p>When other protocols share the port, a {@link PortSelector} stands after idle close until the
 * first bytes say which protocol the connection speaks, then leaves Courier's handlers, or the other
 * protocol's, in its place.
 */
public final class ServerChannelInitializer extends ChannelInitializer<SocketChannel> {

    private final TransportOptions options;
    private final Serializers serializers;
    private final FrameEncoder encoder;
    private final ServerContext server;
    private final Set<ServerConnection> connections;
    private final SslContext tls;
    private final StreamGauges streamGauges;
    private final StreamFrames streamFrames;
    private final List<PortProtocol> otherProtocols;

    /** @param tls the TLS context when TLS is on, else null */
    public ServerChannelInitializer(
            TransportOptions options,
            Serializers serializers,
            ServerContext server,
            Set<ServerConnection> connections,
            SslContext tls,
            StreamGauges streamGauges,
            List<PortProtocol> otherProtocols) {
        this.options = options;
        this.tls = tls;
        this.serializers = serializers;
        this.encoder = server.encoder();
        this.server = server;
        this.connections = connections;
        this.streamGauges = streamGauges;
        this.streamFrames = new StreamFrames(options.protocol());
        this.otherProtocols = List.copyOf(otherProtocols);
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        ServerConnection connection = new ServerConnection(channel);
        connections.add(connection);
        channel.closeFuture().addListener(f -> connections.remove(connection));
        ChannelPipeline pipeline = channel.pipeline();
        if (tls != null) {
            // First, so that everything after it, the frame deadline included, sees plain bytes; a
            // peer that is not speaking TLS is cut off at its first record.
            SslHandler ssl = tls.newHandler(channel.alloc());
            ssl.setHandshakeTimeoutMillis(options.tls().handshakeTimeoutMillis());
            pipeline.addLast("tls", ssl);
            // The verified client certificate becomes the requests' RpcContext#peerIdentity().
            ssl.handshakeFuture().addListener(done -> {
                if (done.isSuccess()) {
                    connection.tlsEstablished(ssl.engine().getSession());
                }
            });
        }
        pipeline.addLast("idle", new IdleStateHandler(options.idleTimeoutMillis(), 0, 0, TimeUnit.MILLISECONDS));
        pipeline.addLast("idleClose", IdleCloseHandler.INSTANCE);
        if (otherProtocols.isEmpty()) {
            addCourier(channel, connection);
            return;
        }
        pipeline.addLast(
                "portSelector",
                new PortSelector(
                        otherProtocols,
                        () -> addCourier(channel, connection),
                        protocol -> {
                            connection.servedByOtherProtocol();
                            protocol.serve(new PortConnectionImpl(connection, server));
                        },
                        options.frameDeadlineMillis()));
    }

    /** Courier's own handlers, at the end of the pipeline. */
    private void addCourier(SocketChannel channel, ServerConnection connection) {
        ChannelPipeline pipeline = channel.pipeline();
        ProtocolOptions protocol = options.protocol();
        pipeline.addLast("frameDeadline", new FrameDeadlineHandler(options.frameDeadlineMillis()));
        pipeline.addLast("decoder", new FrameDecoder(protocol, serializers));
        pipeline.addLast("encoder", encoder);
        StreamChannel streamOut = new StreamChannel(channel, new OutboundQueue(channel), streamFrames, streamGauges);
        ServerStreams streams = new ServerStreams(connection, server, streamOut, options.streams());
        connection.streams(streams);
        pipeline.addLast("streams", streams);
        pipeline.addLast("handler", new ServerHandler(connection, server));
    }
}
