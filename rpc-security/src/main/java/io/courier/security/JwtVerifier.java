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
import io.courier.api.RpcException;
import java.net.URI;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies a JWT bearer credential ({@code Bearer <jwt>}): its length before parsing, its signature
 * against the JWKS with an allowed asymmetric algorithm (so {@code alg: none} and HMAC are refused),
 * its type ({@code JWT} or {@code at+jwt}), issuer, audience, expiry and not-before within the clock
 * skew, and a subject. A token verified recently is recognized without a new signature check, until
 * its expiry or half the JWKS refresh interval. The one verifier of Courier: the providers' {@code
 * jwt} filter and the HTTP gateway both use it, so a token means the same at the edge and behind it.
 *
 * <pre>
 * try (JwtVerifier verifier = JwtVerifier.builder()
 *         .jwksUrl(URI.create("https://idp.example.com/realms/shop/protocol/openid-connect/certs"))
 *         .issuer("https://idp.example.com/realms/shop")
 *         .audiences(List.of("shop"))
 *         .build()) {
 *     Identity caller = verifier.verify(request.header("Authorization"));
 * }
 * </pre>
 *
 * <p>Thread-safe. {@link #close()} stops the key cache a verifier made for itself; a verifier of the
 * {@code jwt} filter shares the application's caches, which the application closes.
 */
public final class JwtVerifier implements AutoCloseable {

    private static final int MAX_REASON_CHARS = 200;

    private final DefaultJWTProcessor<SecurityContext> processor;
    private final int maxTokenBytes;
    private final VerifiedTokens verified;
    private final JwksSources owned;

    JwtVerifier(JwtOptions options, JWKSource<SecurityContext> keys, JwksSources owned) {
        this.maxTokenBytes = options.maxTokenBytes();
        this.owned = owned;
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

    /** A builder of a verifier with its own key cache. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Verifies {@code authorization}, the value of an HTTP {@code Authorization} header or of a
     * call's {@value BearerTokens#ATTACHMENT} attachment. May read the JWKS (a file, or the identity
     * provider over HTTPS when its cached set is stale or names no such key).
     *
     * @return the identity the token proves: subject, issuer, scopes, roles and claims
     * @throws RpcException of {@link ErrorCode#FORBIDDEN}, "not executed", whose message is {@code "no
     *     bearer token"} for {@code null} or begins with {@value BearerTokens#REJECTED} and names the
     *     failed check (never the token) otherwise
     */
    public Identity verify(String authorization) {
        if (authorization == null) {
            throw refused("no bearer token");
        }
        // Checked on the length before any decoding: chars bound the UTF-8 bytes from below.
        if (authorization.length() > maxTokenBytes + BearerTokens.SCHEME.length()) {
            throw refused(BearerTokens.REJECTED + ": " + authorization.length() + " chars (expected: at most "
                    + maxTokenBytes + ", courier.filter.jwt.max-token-bytes)");
        }
        if (!authorization.regionMatches(true, 0, BearerTokens.SCHEME, 0, BearerTokens.SCHEME.length())) {
            throw refused(BearerTokens.REJECTED + ": not a Bearer credential");
        }
        String token = authorization.substring(BearerTokens.SCHEME.length()).trim();
        Identity identity = verified.get(token);
        if (identity != null) {
            return identity;
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw refused(BearerTokens.REJECTED + ": " + reason(e));
        }
        identity = TokenIdentity.of(claims);
        verified.put(token, identity, claims.getExpirationTime());
        return identity;
    }

    /** Stops the key cache this verifier made for itself, if any. Idempotent. */
    @Override
    public void close() {
        if (owned != null) {
            owned.close();
        }
    }

    /** Nimbus's reason, which names the failed check and never the token, cut to a bounded length. */
    private static String reason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > MAX_REASON_CHARS ? message.substring(0, MAX_REASON_CHARS) + "..." : message;
    }

    private static RpcException refused(String why) {
        return new RpcException(ErrorCode.FORBIDDEN, true, why, null);
    }

    /**
     * Builds a {@link JwtVerifier}: exactly one source of keys, the issuer and at least one audience
     * are required; the rest default as the {@code jwt} filter's keys do ({@code
     * courier.filter.jwt.*}, see {@code docs/security.md}). Not thread-safe.
     */
    public static final class Builder {
        private Path jwksFile;
        private URI jwksUrl;
        private String issuer;
        private List<String> audiences = List.of();
        private Set<String> algorithms = Set.of("RS256", "ES256");
        private int clockSkewSeconds = JwtOptions.DEFAULT_CLOCK_SKEW_SECONDS;
        private int refreshSeconds = JwtOptions.DEFAULT_REFRESH_SECONDS;
        private int maxTokenBytes = JwtOptions.DEFAULT_MAX_TOKEN_BYTES;
        private int cacheSize = JwtOptions.DEFAULT_CACHE_SIZE;

        private Builder() {}

        /** A JWKS document on disk, read now and again after each refresh interval. */
        public Builder jwksFile(Path jwksFile) {
            this.jwksFile = jwksFile;
            return this;
        }

        /** A JWKS document over {@code https://} ({@code http://} only to a loopback address). */
        public Builder jwksUrl(URI jwksUrl) {
            this.jwksUrl = jwksUrl;
            return this;
        }

        /** The only accepted {@code iss}. */
        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        /** The accepted {@code aud} values; a token must name at least one. */
        public Builder audiences(List<String> audiences) {
            this.audiences = List.copyOf(audiences);
            return this;
        }

        /** The accepted algorithms among RS256/384/512, PS256/384/512, ES256/384/512 (default RS256, ES256). */
        public Builder algorithms(Set<String> algorithms) {
            this.algorithms = Set.copyOf(algorithms);
            return this;
        }

        /** Tolerance on {@code exp} and {@code nbf}, 0 to 600 (default 60). */
        public Builder clockSkewSeconds(int clockSkewSeconds) {
            this.clockSkewSeconds = clockSkewSeconds;
            return this;
        }

        /** How long a fetched key set is used, 1 to 86,400 (default 300). */
        public Builder refreshSeconds(int refreshSeconds) {
            this.refreshSeconds = refreshSeconds;
            return this;
        }

        /** The longest token looked at, 256 to 16,384 (default 8,192). */
        public Builder maxTokenBytes(int maxTokenBytes) {
            this.maxTokenBytes = maxTokenBytes;
            return this;
        }

        /** Verified tokens remembered, 0 to 1,000,000 (default 10,000; 0 verifies every time). */
        public Builder cacheSize(int cacheSize) {
            this.cacheSize = cacheSize;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the value and the expectation, if a required value
         *     is missing or one is out of range; or if the JWKS file cannot be read
         */
        public JwtVerifier build() {
            if ((jwksFile == null) == (jwksUrl == null)) {
                throw new IllegalArgumentException(
                        "jwksFile: " + jwksFile + ", jwksUrl: " + jwksUrl + " (expected: exactly one source of keys)");
            }
            if (issuer == null || issuer.isBlank()) {
                throw new IllegalArgumentException("issuer: " + issuer + " (expected: the iss your tokens carry)");
            }
            if (audiences.isEmpty()) {
                throw new IllegalArgumentException("audiences: [] (expected: the aud value(s) your tokens carry)");
            }
            check(clockSkewSeconds, 0, 600, "clockSkewSeconds");
            check(refreshSeconds, 1, 86_400, "refreshSeconds");
            check(maxTokenBytes, 256, 16_384, "maxTokenBytes");
            check(cacheSize, 0, 1_000_000, "cacheSize");
            JwtOptions options = new JwtOptions(
                    jwksFile,
                    jwksUrl == null ? null : Urls.https(jwksUrl.toString()),
                    issuer,
                    new LinkedHashSet<>(audiences),
                    clockSkewSeconds,
                    SecurityKeys.algorithmsOf(algorithms),
                    refreshSeconds,
                    maxTokenBytes,
                    cacheSize);
            JwksSources sources = new JwksSources();
            try {
                return new JwtVerifier(options, sources.of(options), sources);
            } catch (RuntimeException e) {
                sources.close();
                throw e;
            }
        }

        private static void check(int value, int min, int max, String name) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + ": " + value + " (expected: " + min + " to " + max + ")");
            }
        }
    }
}
