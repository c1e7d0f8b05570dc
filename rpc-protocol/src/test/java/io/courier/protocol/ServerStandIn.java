package io.courier.protocol;

import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.Serializer;
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
final class ServerStandIn extends ChannelInboundHandlerAdapter {

    final List<DecodedRequest<ExportedService>> delivered = new ArrayList<>();
    final List<RpcResult> results = new ArrayList<>();
    final List<RpcException> bodyErrors = new ArrayList<>();
    final List<Throwable> pipelineErrors = new ArrayList<>();
    final List<Throwable> unexpected = new ArrayList<>();
    final List<Object> control = new ArrayList<>();
    final Map<Long, Type> pending = new HashMap<>();
    int dropped;

    private final BodyDecoder bodies;
    private final ServiceResolver<ExportedService> resolver;
    private final Serializers serializers;

    ServerStandIn(BodyDecoder bodies, ServiceResolver<ExportedService> resolver, Serializers serializers) {
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
                Type type = pending.remove(response.requestId());
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
