package io.courier.grpc.internal;

import io.courier.api.MethodDescriptor;
import io.courier.api.ServiceDescriptor;
import io.courier.grpc.GrpcNames;
import io.courier.grpc.internal.schema.ServiceSchema;
import java.util.HashMap;
import java.util.Map;

/**
 * One method of a Courier service as gRPC serves it: its kind, and the codecs of its request and
 * response messages (protoc-generated messages as themselves, other types through the schema derived
 * from the interface). Built once per service ({@link #of(ServiceDescriptor)}).
 *
 * <p>The one entry point for marshalling a method's messages, on either side of a call: a provider
 * reads {@link #request()} and turns it into the call's arguments with {@link #arguments(Object)}, and
 * writes {@link #response()}; a consumer writes {@code request().write(requestValue(arguments))} and
 * reads {@code response().read(bytes)}.
 *
 * @param unsupported why the method cannot be served over gRPC, or {@code null} when it can
 */
record GrpcMethod(
        MethodDescriptor descriptor, Kind kind, ProtobufCodec request, ProtobufCodec response, String unsupported) {

    /** gRPC's four kinds of call. */
    enum Kind {
        UNARY,
        SERVER_STREAM,
        CLIENT_STREAM,
        BIDI_STREAM;

        /** Whether the caller sends a stream of messages, which the method reads as a publisher. */
        boolean clientStreams() {
            return this == CLIENT_STREAM || this == BIDI_STREAM;
        }

        /** Whether the method answers with a stream of messages. */
        boolean serverStreams() {
            return this == SERVER_STREAM || this == BIDI_STREAM;
        }
    }

    /** The methods of {@code service} by gRPC method name. */
    static Map<String, GrpcMethod> of(ServiceDescriptor service) {
        return of(service, ServiceSchema.of(service));
    }

    /** The methods of {@code service} by gRPC method name, with their messages from its {@code schema}. */
    static Map<String, GrpcMethod> of(ServiceDescriptor service, ServiceSchema schema) {
        Map<String, GrpcMethod> methods = new HashMap<>();
        for (MethodDescriptor method : service.methods()) {
            String name = GrpcNames.method(method);
            if (!methods.containsKey(name)) {
                methods.put(name, of(method, schema.messages(name)));
            }
        }
        return Map.copyOf(methods);
    }

    private static GrpcMethod of(MethodDescriptor method, ServiceSchema.Messages messages) {
        Kind kind;
        if (method.streamParameter() >= 0) {
            kind = method.serverStream() ? Kind.BIDI_STREAM : Kind.CLIENT_STREAM;
        } else {
            kind = method.serverStream() ? Kind.SERVER_STREAM : Kind.UNARY;
        }
        if (messages == null || messages.unsupported() != null) {
            return new GrpcMethod(
                    method,
                    kind,
                    null,
                    null,
                    messages == null ? method.name() + ": not described" : messages.unsupported());
        }
        return new GrpcMethod(
                method, kind, ProtobufCodec.of(messages.request()), ProtobufCodec.of(messages.response()), null);
    }

    /**
     * The call's arguments for a request value read by {@link #request()}: the argument array itself when
     * the request spreads over the parameters, else the one argument (a client stream's publisher too).
     */
    Object[] arguments(Object requestValue) {
        return request.spreads() && !kind.clientStreams() ? (Object[]) requestValue : new Object[] {requestValue};
    }

    /** The value {@link #request()} writes for a call's {@code arguments}: the inverse of {@link #arguments}. */
    Object requestValue(Object[] arguments) {
        return request.spreads() ? arguments : arguments[0];
    }
}
