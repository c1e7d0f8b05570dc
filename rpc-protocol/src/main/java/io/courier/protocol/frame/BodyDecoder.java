package io.courier.protocol.frame;

import io.courier.api.ErrorCode;
import io.courier.api.RemoteException;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.DecodedRequest;
import io.courier.protocol.ExportedService;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.ServiceResolver;
import io.courier.protocol.serialization.Serializers;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * Decodes the bodies of {@link InboundRequest}s and {@link InboundResponse}s. A request is read in
 * two halves: its {@linkplain #readHead head} (service, serializer, method) on the IO thread, its
 * attachments and arguments wherever the call runs. Stateless and thread-safe; one per server or
 * client.
 *
 * <p>Neither method releases the frame: the caller does, exactly once, in a {@code finally} after
 * the call. Each method reads the body once. Every failure is an {@link RpcException} whose message
 * names fields, types and body offsets, never the content of what was read.
 */
public final class BodyDecoder {

    private final ProtocolOptions options;
    private final Serializers serializers;

    public BodyDecoder(ProtocolOptions options, Serializers serializers) {
        this.options = Objects.requireNonNull(options, "options");
        this.serializers = Objects.requireNonNull(serializers, "serializers");
    }

    /**
     * Decodes a request to one of the services {@code resolver} knows. In order, and before any
     * argument byte reaches a serializer: the service must be known, the frame's serializer must be
     * one the service {@linkplain ExportedService#accepts accepts}, the method descriptor must name
     * one of its methods, and the attachments must be within the caps. Arguments are then read with
     * the service's {@linkplain ExportedService#policy() policy}, each as its declared parameter
     * type.
     *
     * @throws RpcException {@code BAD_REQUEST} for an unknown service or method, a refused
     *     serializer, malformed bytes or attachments over the caps; {@code SERIALIZATION} naming the
     *     class for a refused class or a limit; in every case {@link RpcException#notExecuted()} is
     *     true and the request deserves an error response (unless it is oneway)
     */
    public <S extends ExportedService> DecodedRequest<S> decodeRequest(
            InboundRequest request, ServiceResolver<S> resolver) {
        return decodeRequest(readHead(request, resolver));
    }

    /**
     * The first half of {@link #decodeRequest(InboundRequest, ServiceResolver)}, cheap enough for
     * the IO thread: reads the service key once, resolves it, and checks the serializer and the
     * method, so that the transport knows where the call runs before its arguments are read.
     *
     * @throws RpcException {@code BAD_REQUEST}, not executed, for an unknown service or method, a
     *     refused serializer or a malformed key or method descriptor
     */
    public <S extends ExportedService> RequestHead<S> readHead(InboundRequest request, ServiceResolver<S> resolver) {
        Objects.requireNonNull(resolver, "resolver");
        try {
            return RequestReader.readHead(request, resolver, serializers);
        } catch (RpcException e) {
            throw notExecuted(e);
        }
    }

    /**
     * The second half: reads the attachments and the arguments of a request whose {@linkplain
     * #readHead head} was read, with the service's policy, each as its declared parameter type.
     *
     * @throws RpcException as {@link #decodeRequest(InboundRequest, ServiceResolver)} does
     */
    public <S extends ExportedService> DecodedRequest<S> decodeRequest(RequestHead<S> head) {
        try {
            return RequestReader.readRest(head, options);
        } catch (RpcException e) {
            throw notExecuted(e);
        }
    }

    private static RpcException notExecuted(RpcException e) {
        return e.notExecuted() ? e : new RpcException(e.code(), true, e.getMessage(), null);
    }

    /**
     * Decodes the answer to a call whose method returns {@code resultType}, sent in {@code
     * serializer}. A business exception comes back inside the result: as its own type when {@code
     * policy} allows it, otherwise as a {@link RemoteException}.
     *
     * @throws RpcException the provider's framework error for an error response (its code, message
     *     and execution state); {@code SERIALIZATION} if the response is in another serializer than
     *     the request or holds a refused class; {@code BAD_REQUEST} for malformed bytes
     */
    public RpcResult decodeResponse(
            InboundResponse response, Type resultType, Serializer serializer, DeserializationPolicy policy) {
        Objects.requireNonNull(resultType, "resultType");
        Objects.requireNonNull(serializer, "serializer");
        Objects.requireNonNull(policy, "policy");
        RpcException providerError;
        try {
            if (!response.isError()) {
                return ResponseReader.read(response, resultType, serializer, policy, options);
            }
            providerError = ResponseReader.readError(response.body(), response.status());
        } catch (RpcException e) {
            // The call ran, but its answer is unreadable here: never a reason to retry blindly.
            ErrorCode code = e.code() == ErrorCode.BAD_REQUEST ? ErrorCode.SERIALIZATION : e.code();
            throw new RpcException(code, false, "response: " + e.getMessage(), null);
        }
        throw providerError;
    }
}
