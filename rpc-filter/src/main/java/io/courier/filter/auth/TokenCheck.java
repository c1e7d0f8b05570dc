package io.courier.filter.auth;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.filter.Filter;
import io.courier.filter.config.FilterKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Admits a call only if its {@value TokenAuthFilter#TOKEN} attachment equals one of the accepted
 * tokens (several, so that a token can be rotated without downtime), compared in constant time.
 * The token is removed before the call goes on, so that the implementation cannot leak it.
 */
final class TokenCheck implements Filter {

    private final byte[][] accepted;

    TokenCheck(List<byte[]> accepted) {
        this.accepted = accepted.toArray(new byte[0][]);
    }

    @Override
    public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
        String token = invocation.attachment(TokenAuthFilter.TOKEN);
        if (token == null) {
            return refuse("no token", invocation);
        }
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] candidate : accepted) {
            match |= MessageDigest.isEqual(given, candidate);
        }
        if (!match) {
            return refuse("wrong token", invocation);
        }
        return chain.proceed(invocation.withAttachment(TokenAuthFilter.TOKEN, null));
    }

    private static CompletableFuture<RpcResult> refuse(String why, Invocation invocation) {
        return CompletableFuture.failedFuture(new RpcException(
                ErrorCode.FORBIDDEN,
                "auth: " + why + " for " + invocation + " (expected: the consumer's"
                        + " " + FilterKeys.CONSUMER_AUTH_TOKEN.name() + " among the provider's "
                        + FilterKeys.AUTH_TOKENS.name()
                        + ")"));
    }
}
