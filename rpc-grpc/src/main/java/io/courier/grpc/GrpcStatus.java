package io.courier.grpc;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;

/**
 * gRPC's status codes, and the one table between them and Courier's {@link ErrorCode}s (both ways), as
 * {@code docs/grpc.md} lists it. A business exception of the provider is {@link #UNKNOWN}, with its
 * message as {@code grpc-message}, as grpc-java answers an exception a service throws.
 */
public enum GrpcStatus {
    OK(0),
    CANCELLED(1),
    UNKNOWN(2),
    INVALID_ARGUMENT(3),
    DEADLINE_EXCEEDED(4),
    NOT_FOUND(5),
    ALREADY_EXISTS(6),
    PERMISSION_DENIED(7),
    RESOURCE_EXHAUSTED(8),
    FAILED_PRECONDITION(9),
    ABORTED(10),
    OUT_OF_RANGE(11),
    UNIMPLEMENTED(12),
    INTERNAL(13),
    UNAVAILABLE(14),
    DATA_LOSS(15),
    UNAUTHENTICATED(16);

    private static final GrpcStatus[] BY_CODE = values();

    private final int code;

    GrpcStatus(int code) {
        this.code = code;
    }

    /** The number on the wire ({@code grpc-status}). */
    public int code() {
        return code;
    }

    /** The status of {@code code}; codes gRPC does not define are {@link #UNKNOWN}, as gRPC reads them. */
    public static GrpcStatus ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : UNKNOWN;
    }

    /**
     * The status a gRPC caller sees for {@code failure}: as {@link #of(ErrorCode)}, except that a
     * refused bearer token (a {@code FORBIDDEN} whose message carries rpc-security's marker {@code
     * "bearer token rejected"}) is {@link #UNAUTHENTICATED}, which tells a gRPC client to fetch a new
     * token, where access rules' refusals stay {@link #PERMISSION_DENIED}.
     */
    public static GrpcStatus of(RpcException failure) {
        if (failure.code() == ErrorCode.FORBIDDEN
                && failure.getMessage() != null
                && failure.getMessage().contains(REJECTED_BEARER_TOKEN)) {
            return UNAUTHENTICATED;
        }
        return of(failure.code());
    }

    /** rpc-security's {@code BearerTokens.REJECTED}, which this module does not depend on. */
    private static final String REJECTED_BEARER_TOKEN = "bearer token rejected";

    /** The status a gRPC caller sees for a call that failed with {@code error}. */
    public static GrpcStatus of(ErrorCode error) {
        return switch (error) {
            case TIMEOUT, DEADLINE_EXCEEDED -> DEADLINE_EXCEEDED;
            case NETWORK, CONNECT_FAILED, NO_PROVIDER, SERVER_BUSY, GOING_AWAY, CIRCUIT_OPEN, CLOSED -> UNAVAILABLE;
            case RATE_LIMITED, PAYLOAD_TOO_LARGE -> RESOURCE_EXHAUSTED;
            case FORBIDDEN -> PERMISSION_DENIED;
            case SERIALIZATION, PROVIDER_ERROR -> INTERNAL;
            case BAD_REQUEST -> INVALID_ARGUMENT;
            case UNKNOWN -> UNKNOWN;
        };
    }

    /**
     * The Courier error of a gRPC call that ended with this status (a consumer calling a gRPC server
     * classifies and retries it as it does Courier's errors); {@code null} for {@link #OK}.
     */
    public ErrorCode errorCode() {
        return switch (this) {
            case OK -> null;
            case DEADLINE_EXCEEDED -> ErrorCode.DEADLINE_EXCEEDED;
            case UNAVAILABLE -> ErrorCode.NETWORK;
            case RESOURCE_EXHAUSTED -> ErrorCode.RATE_LIMITED;
            case PERMISSION_DENIED, UNAUTHENTICATED -> ErrorCode.FORBIDDEN;
            case INVALID_ARGUMENT, UNIMPLEMENTED, NOT_FOUND, OUT_OF_RANGE, FAILED_PRECONDITION -> ErrorCode.BAD_REQUEST;
            case INTERNAL, DATA_LOSS -> ErrorCode.PROVIDER_ERROR;
            case CANCELLED, UNKNOWN, ALREADY_EXISTS, ABORTED -> ErrorCode.UNKNOWN;
        };
    }
}
