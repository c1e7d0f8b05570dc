package io.courier.security;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;

/**
 * How a bearer token travels and how its refusal reads. A consumer sends the token as the
 * attachment {@value #ATTACHMENT} with the value {@code Bearer <token>}; a provider that does not
 * accept it answers {@link ErrorCode#FORBIDDEN} (not executed) with a message containing
 * {@value #REJECTED}, which a consumer may cure once with a fresh token. Refusals by access rules
 * do not contain it: a new token of the same client would not change them.
 */
public final class BearerTokens {

    /** The attachment carrying {@code Bearer <token>}, named as the HTTP header and gRPC metadata. */
    public static final String ATTACHMENT = "authorization";

    /** What precedes the token in {@link #ATTACHMENT}. */
    public static final String SCHEME = "Bearer ";

    /** The marker of a refusal that a fresh token may cure (expired, revoked key, wrong audience...). */
    public static final String REJECTED = "bearer token rejected";

    private BearerTokens() {}

    /** Whether {@code failure} is a provider's refusal of the token itself. */
    public static boolean isRejection(Throwable failure) {
        return RpcException.unwrap(failure) instanceof RpcException rpc
                && rpc.code() == ErrorCode.FORBIDDEN
                && rpc.getMessage() != null
                && rpc.getMessage().contains(REJECTED);
    }
}
