package io.courier.gateway;

import io.courier.api.Identity;
import io.courier.api.RpcException;
import io.courier.gateway.limit.RateLimiter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The checks every call and stream passes before any work, cheapest first: the gateway's own token
 * or the caller's JWT ({@link GatewayOptions#jwtVerifier()}), then the rate limit of the client,
 * which is the verified token's subject, else the client's address (an unverified token's subject
 * is never trusted). Thread-safe.
 */
final class Admission {

    private static final String REALM = "Bearer realm=\"courier-gateway\"";

    private final GatewayOptions options;
    private final RateLimiter limiter;
    private final byte[] expectedToken;

    Admission(GatewayOptions options, RateLimiter limiter) {
        this.options = options;
        this.limiter = limiter;
        this.expectedToken = ("Bearer " + options.token()).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The answer refusing a request of {@code address} with the {@code Authorization} header {@code
     * authorization} ({@code null} if none): 401 with {@code WWW-Authenticate}, 429 with {@code
     * Retry-After}; or {@code null} when it may go on.
     */
    FullHttpResponse refusal(String address, String authorization) {
        if (!options.token().isEmpty() && !tokenMatches(authorization)) {
            // RFC 9110 section 11.6.1: a 401 names the scheme the client should use
            return unauthorized("expected: Authorization: Bearer <the gateway's token>", REALM);
        }
        String client = address;
        if (options.jwtVerifier() != null) {
            Identity identity;
            try {
                identity = options.jwtVerifier().verify(authorization);
            } catch (RpcException e) {
                // RFC 6750 section 3: no error code when no credential came, invalid_token when a bad one did
                return authorization == null
                        ? unauthorized("expected: Authorization: Bearer <a JWT>", REALM)
                        : unauthorized(
                                "the bearer token was rejected at the gateway: " + e.getMessage(),
                                REALM + ", error=\"invalid_token\", error_description=\"" + quotable(e.getMessage())
                                        + "\"");
            }
            client = "sub:" + identity.subject();
        }
        long retryAfter = limiter.tryAcquire(client);
        if (retryAfter > 0) {
            FullHttpResponse limited = Responses.problem(Problems.of(
                    HttpResponseStatus.TOO_MANY_REQUESTS, "this client's rate limit at the gateway is reached"));
            limited.headers().set(HttpHeaderNames.RETRY_AFTER, Long.toString(retryAfter));
            return limited;
        }
        return null;
    }

    /** No {@code Origin} (not a browser's page), the gateway's own, or one of the allowed. */
    boolean sameOrAllowedOrigin(String origin, String host) {
        return origin == null
                || options.corsOrigins().contains("*")
                || options.corsOrigins().contains(origin)
                || (host != null && (origin.equals("http://" + host) || origin.equals("https://" + host)));
    }

    private static FullHttpResponse unauthorized(String detail, String challenge) {
        FullHttpResponse refused = Responses.problem(Problems.of(HttpResponseStatus.UNAUTHORIZED, detail));
        refused.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, challenge);
        return refused;
    }

    private boolean tokenMatches(String authorization) {
        return authorization != null
                && MessageDigest.isEqual(authorization.getBytes(StandardCharsets.UTF_8), expectedToken);
    }

    /** Text safe inside a quoted header parameter: printable ASCII without quote or backslash, bounded. */
    private static String quotable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 200));
        for (int i = 0; i < text.length() && out.length() < 200; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : ' ');
        }
        return out.toString();
    }
}
