package io.courier.grpc.internal.client;

import io.courier.grpc.GrpcStatus;

/** The gRPC status of an HTTP answer that is not gRPC's, as gRPC's HTTP/2 spec maps it. */
final class HttpStatuses {

    private HttpStatuses() {}

    static GrpcStatus grpcStatus(CharSequence httpStatus) {
        return switch (httpStatus.toString()) {
            case "400" -> GrpcStatus.INTERNAL;
            case "401" -> GrpcStatus.UNAUTHENTICATED;
            case "403" -> GrpcStatus.PERMISSION_DENIED;
            case "404" -> GrpcStatus.UNIMPLEMENTED;
            case "429", "502", "503", "504" -> GrpcStatus.UNAVAILABLE;
            default -> GrpcStatus.UNKNOWN;
        };
    }
}
