package io.courier.protocol.frame;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.api.internal.Budgets;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.DecodedRequest;
import io.courier.protocol.ExportedService;
import io.courier.protocol.ProtocolOptions;
import io.courier.protocol.ServiceResolver;
import io.courier.protocol.internal.BufferInputStream;
import io.courier.protocol.internal.KnownNames;
import io.courier.protocol.internal.Names;
import io.courier.protocol.serialization.Serializers;
import io.netty.buffer.ByteBuf;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads a request body in the order the security rules need: service, serializer, method and
 * attachments are checked by the protocol itself before a single argument byte reaches a
 * serializer.
 */
final class RequestReader {

    /** Longest service key text accepted, in UTF-8 bytes. */
    static final int MAX_SERVICE_KEY_BYTES = 1024;

    /** Longest method descriptor accepted, in UTF-8 bytes. */
    static final int MAX_METHOD_BYTES = 4096;

    /** Service keys and method descriptors repeat on every request: read without decoding them again. */
    private static final KnownNames SERVICE_KEYS = new KnownNames();

    private static final KnownNames METHODS = new KnownNames();

    private RequestReader() {}

    /**
     * Reads the service key, the serializer and the method: what the transport needs to know where
     * the call runs. The rest of the body is left for {@link #readRest}.
     */
    static <S extends ExportedService> RequestHead<S> readHead(
            InboundRequest request, ServiceResolver<S> resolver, Serializers serializers) {
        ByteBuf body = request.body();
        String serviceKey = SERVICE_KEYS.read(body, MAX_SERVICE_KEY_BYTES, "service key");
        S service = resolver.find(serviceKey);
        if (service == null) {
            throw new RpcException(ErrorCode.BAD_REQUEST, "unknown service '" + Names.printable(serviceKey) + "'");
        }
        int serializerId = request.serializerId();
        Serializer serializer = serializers.byId(serializerId);
        if (serializer == null || !service.accepts(serializerId)) {
            throw new RpcException(
                    ErrorCode.BAD_REQUEST,
                    "serializer id " + serializerId + " is not accepted by service '" + service.key() + "'");
        }
        serializer = service.serializer(serializer);
        String descriptor = METHODS.read(body, MAX_METHOD_BYTES, "method");
        MethodDescriptor method = service.descriptor().find(descriptor);
        if (method == null) {
            throw new RpcException(
                    ErrorCode.BAD_REQUEST,
                    "unknown method '" + Names.printable(descriptor) + "' of service '" + service.key() + "'");
        }
        return new RequestHead<>(request, service, serializer, method);
    }

    /** Reads the attachments and the arguments after {@link #readHead}. */
    static <S extends ExportedService> DecodedRequest<S> readRest(RequestHead<S> head, ProtocolOptions options) {
        InboundRequest request = head.request();
        ByteBuf body = request.body();
        S service = head.service();
        MethodDescriptor method = head.method();
        Map<String, String> attachments = AttachmentCodec.readRequest(body, options, request.receivedNanos());
        Object[] arguments = new Object[method.parameterCount()];
        if (arguments.length > 0) {
            Serializer.ValueReader reader = head.serializer().reader(new BufferInputStream(body), service.policy());
            for (int i = 0; i < arguments.length; i++) {
                if (i == method.streamParameter()) {
                    // Not on the wire: the transport puts the stream of the consumer's messages here.
                    continue;
                }
                arguments[i] = ValueReading.readArgument(reader, method, i, body);
            }
        }
        ValueReading.checkFullyRead(body);
        // The typed deadline, once, from the budget on the wire and the time the frame was read:
        // time spent in the server's queue counts against it. The arguments were built for this call.
        long budgetMillis =
                attachments.isEmpty() ? -1 : Budgets.parseMillis(attachments.get(InboundRequest.BUDGET_ATTACHMENT));
        Invocation invocation = budgetMillis >= 0
                ? Invocation.ofOwned(
                        service.key(),
                        method,
                        arguments,
                        attachments,
                        request.receivedNanos() + TimeUnit.MILLISECONDS.toNanos(budgetMillis))
                : Invocation.ofOwned(service.key(), method, arguments, attachments);
        return new DecodedRequest<>(service, invocation, head.serializer(), request.requestId(), request.oneway());
    }
}
