package io.courier.security;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.courier.api.ErrorCode;
import io.courier.api.Identity;
import io.courier.api.Invocation;
import io.courier.api.RpcContext;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.filter.Filter;
import java.util.concurrent.CompletableFuture;

/**
 * Verifies the bearer token of each call before anything else of the call runs, with a {@link
 * JwtVerifier} (the same verifier the HTTP gateway uses). A verified token's identity is recorded
 * with {@link RpcContext#authenticate}, and the token is removed from the call. Thread-safe.
 */
final class JwtCheck implements Filter {

    private final JwtVerifier verifier;

    JwtCheck(JwtOptions options, JWKSource<SecurityContext> keys) {
        this.verifier = new JwtVerifier(options, keys, null);
    }

    @Override
    public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
        Identity identity;
        try {
            identity = verifier.verify(invocation.attachment(BearerTokens.ATTACHMENT));
        } catch (RpcException e) {
            return CompletableFuture.failedFuture(
                    new RpcException(ErrorCode.FORBIDDEN, "jwt: " + e.getMessage() + " for " + invocation));
        }
        RpcContext.current().authenticate(identity);
        return chain.proceed(invocation.withAttachment(BearerTokens.ATTACHMENT, null));
    }
}
