package io.courier.grpc.internal;

import io.courier.api.MethodDescriptor;
import io.courier.api.ServiceDescriptor;
import java.util.HashMap;
import java.util.Map;

/**
 * One method of a Courier service as gRPC serves it: its kind, and the codecs of its request and
 * response messages. Built once per service ({@link #of(ServiceDescriptor)}).
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
        Map<String, GrpcMethod> methods = new HashMap<>();
        for (MethodDescriptor method : service.methods()) {
            methods.putIfAbsent(io.courier.grpc.GrpcNames.method(method), of(method));
        }
        return Map.copyOf(methods);
    }

    private static GrpcMethod of(MethodDescriptor method) {
        Kind kind;
        java.lang.reflect.Type requestType;
        if (method.streamParameter() >= 0) {
            kind = method.serverStream() ? Kind.BIDI_STREAM : Kind.CLIENT_STREAM;
            requestType = method.streamMessageType();
            if (method.parameterCount() != 1) {
                return unsupported(method, kind, "a stream method served over gRPC takes only its Flow.Publisher");
            }
        } else {
            kind = method.serverStream() ? Kind.SERVER_STREAM : Kind.UNARY;
            if (method.parameterCount() != 1) {
                return unsupported(
                        method, kind, "a method served over gRPC with protoc-generated messages takes one message");
            }
            requestType = method.genericParameterType(0);
        }
        if (method.oneway()) {
            return unsupported(method, kind, "a oneway method has no answer for a gRPC caller");
        }
        ProtobufCodec request = ProtobufCodec.of(requestType);
        ProtobufCodec response = ProtobufCodec.of(method.resultType());
        if (request == null || response == null) {
            return unsupported(
                    method,
                    kind,
                    "its "
                            + (request == null
                                    ? "request " + requestType
                                    : "response " + method.resultType().getTypeName())
                            + " is not a protoc-generated message");
        }
        return new GrpcMethod(method, kind, request, response, null);
    }

    private static GrpcMethod unsupported(MethodDescriptor method, Kind kind, String why) {
        return new GrpcMethod(method, kind, null, null, method.name() + ": " + why);
    }
}
