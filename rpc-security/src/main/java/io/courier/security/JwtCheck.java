package io.courier.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.courier.api.ErrorCode;
import io.courier.api.Identity;
import io.courier.api.Invocation;
import io.courier.api.RpcContext;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.filter.Filter;
import java.text.ParseException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Verifies the bearer token of each call before anything else of the call runs: its length (before
 * parsing), its signature against the cached JWKS with an allowed algorithm, its type, issuer,
 * audience, expiry and not-before; a token verified recently is recognized without a new
 * signature check ({@link VerifiedTokens}). A verified token's identity is recorded with
 * {@link RpcContext#authenticate}, and the token is removed from the call. Thread-safe: the
 * processor holds only configuration.
 */
final class JwtCheck implements Filter {

    private static final int MAX_REASON_CHARS = 200;

    private final DefaultJWTProcessor<SecurityContext> processor;
    private final int maxTokenBytes;
    private final VerifiedTokens verified;

    JwtCheck(JwtOptions options, JWKSource<SecurityContext> keys) {
        this.maxTokenBytes = options.maxTokenBytes();
        this.verified = new VerifiedTokens(
                options.cacheSize(), options.refreshSeconds() * 1000L / 2, System::currentTimeMillis);
        this.processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(
                new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(options.algorithms(), keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                options.audiences(),
                new JWTClaimsSet.Builder().issuer(options.issuer()).build(),
                Set.of("sub", "exp"),
                Set.of());
        claims.setMaxClockSkew(options.clockSkewSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    @Override
    public CompletableFuture<RpcResult> filter(Invocation invocation, Chain chain) {
        String header = invocation.attachment(BearerTokens.ATTACHMENT);
        if (header == null) {
            return refuse(invocation, "no bearer token");
        }
        // Checked on the attachment's length before any decoding: chars bound the UTF-8 bytes from below.
        if (header.length() > maxTokenBytes + BearerTokens.SCHEME.length()) {
            return refuse(
                    invocation,
                    BearerTokens.REJECTED + ": " + header.length() + " chars (expected: at most " + maxTokenBytes
                            + ", courier.filter.jwt.max-token-bytes)");
        }
        if (!header.regionMatches(true, 0, BearerTokens.SCHEME, 0, BearerTokens.SCHEME.length())) {
            return refuse(invocation, BearerTokens.REJECTED + ": not a Bearer credential");
        }
        String token = header.substring(BearerTokens.SCHEME.length()).trim();
        Identity identity = verified.get(token);
        if (identity == null) {
            JWTClaimsSet claims;
            try {
                claims = processor.process(token, null);
            } catch (ParseException | BadJOSEException | JOSEException e) {
                return refuse(invocation, BearerTokens.REJECTED + ": " + reason(e));
            }
            identity = TokenIdentity.of(claims);
            verified.put(token, identity, claims.getExpirationTime());
        }
        RpcContext.current().authenticate(identity);
        return chain.proceed(invocation.withAttachment(BearerTokens.ATTACHMENT, null));
    }

    /** Nimbus's reason, which names the failed check and never the token, cut to a bounded length. */
    private static String reason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > MAX_REASON_CHARS ? message.substring(0, MAX_REASON_CHARS) + "..." : message;
    }

    private static CompletableFuture<RpcResult> refuse(Invocation invocation, String why) {
        return CompletableFuture.failedFuture(
                new RpcException(ErrorCode.FORBIDDEN, "jwt: " + why + " for " + invocation));
    }
}
