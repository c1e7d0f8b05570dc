package io.courier.protocol;

import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.frame.BodyDecoder;
import io.courier.protocol.frame.InboundRequest;
import io.courier.protocol.frame.InboundResponse;
import io.courier.protocol.frame.OutboundResponse;
import io.courier.protocol.serialization.Serializers;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a transport does with decoded frames, reduced to recording: it decodes request bodies
 * (inline, where a transport would use its executor), answers failures, matches responses to
 * pending calls, and releases every frame exactly once. {@link #delivered} is what would have
 * reached the service.
 */
public final class ServerStandIn extends ChannelInboundHandlerAdapter {

    public final List<DecodedRequest<ExportedService>> delivered = new ArrayList<>();
    public final List<RpcResult> results = new ArrayList<>();
    public final List<RpcException> bodyErrors = new ArrayList<>();
    public final List<Throwable> pipelineErrors = new ArrayList<>();
    public final List<Throwable> unexpected = new ArrayList<>();
    public final List<Object> control = new ArrayList<>();
    /** The result type of each call in flight, by request id. */
    public Map<Long, Type> pending = new HashMap<>();

    public int dropped;

    private final BodyDecoder bodies;
    private final ServiceResolver<ExportedService> resolver;
    private final Serializers serializers;

    public ServerStandIn(BodyDecoder bodies, ServiceResolver<ExportedService> resolver, Serializers serializers) {
        this.bodies = bodies;
        this.resolver = resolver;
        this.serializers = serializers;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof InboundRequest request) {
            try {
                delivered.add(bodies.decodeRequest(request, resolver));
            } catch (RpcException e) {
                bodyErrors.add(e);
                if (!request.oneway()) {
                    ctx.channel().writeAndFlush(OutboundResponse.ofError(request.requestId(), e));
                }
            } catch (Throwable e) {
                unexpected.add(e);
            } finally {
                request.release();
            }
        } else if (msg instanceof InboundResponse response) {
            try {
                Type type = pending.get(response.requestId());
                if (type == null) {
                    dropped++;
                    return;
                }
                Serializer serializer = serializers.byId(response.serializerId());
                results.add(bodies.decodeResponse(
                        response,
                        type,
                        serializer != null ? serializer : serializers.all().get(0),
                        SerializerContractTest.POLICY));
            } catch (RpcException e) {
                bodyErrors.add(e);
            } catch (Throwable e) {
                unexpected.add(e);
            } finally {
                response.release();
            }
        } else {
            control.add(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof ProtocolException) {
            pipelineErrors.add(cause);
        } else {
            unexpected.add(cause);
        }
    }
}
