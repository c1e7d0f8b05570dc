package io.courier.grpc;

import io.courier.grpc.internal.GrpcConnectionHandler;
import io.courier.grpc.internal.GrpcServices;
import io.courier.grpc.internal.ProtoText;
import io.courier.transport.Detection;
import io.courier.transport.PortConnection;
import io.courier.transport.PortProtocol;
import io.courier.transport.ServiceExport;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * gRPC on a Courier provider's port: a {@link PortProtocol} that claims connections opening with the
 * HTTP/2 client preface (h2c with prior knowledge, as gRPC clients connect in plain text; with TLS on,
 * the preface arrives after the handshake) and serves each stream as one gRPC call of an exported
 * service, on the provider path of Courier's own calls. One handler per connection serves all its
 * streams ({@link GrpcConnectionHandler}: Netty's HTTP/2 codec, no channel per stream). Services are named as {@link GrpcNames} says;
 * protoc-generated messages travel as they are, other types through the protobuf schema derived from the
 * interface ({@link GrpcSchemas}). Thread-safe.
 */
public final class GrpcProtocol implements PortProtocol {

    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final GrpcOptions options;
    private final GrpcServices services = new GrpcServices();

    public GrpcProtocol(GrpcOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public String name() {
        return "grpc";
    }

    /** gRPC clients over TLS ask for HTTP/2 by ALPN, and fail a handshake that does not choose it. */
    @Override
    public List<String> alpnIds() {
        return List.of("h2");
    }

    @Override
    public Detection detect(ByteBuf firstBytes) {
        return Detection.ofPreface(firstBytes, PREFACE);
    }

    /**
     * The service's {@code .proto}, as {@link GrpcSchemas#protoFile} writes it, for the admin endpoint's
     * {@code GET /schema/grpc/<service>}; empty for a nested interface, whose name is not a protobuf name.
     */
    @Override
    public Optional<String> describe(ServiceExport service) {
        Class<?> type = service.descriptor().serviceInterface();
        String name = type != null ? GrpcNames.service(type) : GrpcNames.service(service.key());
        try {
            return Optional.of(ProtoText.of(name, service.descriptor()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public void serve(PortConnection connection) {
        GrpcConnectionHandler handler = GrpcConnectionHandler.create(connection, options, services);
        connection.pipeline().addLast("grpc-http2", handler);
        connection.pipeline().addLast("grpc-errors", new ProtocolErrors());
        // HTTP/2's graceful close: GOAWAY, then the connection closes when its open streams have ended;
        // health watches, which would never end by themselves, say NOT_SERVING and end.
        connection.onGoAway(handler::goingAway);
    }

    /**
     * The end of a gRPC connection's pipeline: a peer's protocol error (a flood, a malformed frame) has
     * already been answered by the codec with RST_STREAM or GOAWAY; what else fails the connection (a
     * reset socket) is one line at DEBUG naming the peer, instead of a WARN stack trace from the
     * pipeline's tail.
     */
    private static final class ProtocolErrors extends io.netty.channel.ChannelInboundHandlerAdapter {
        private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GrpcProtocol.class);

        @Override
        public void exceptionCaught(io.netty.channel.ChannelHandlerContext ctx, Throwable cause) {
            log.debug("HTTP/2 error from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        }
    }
}
