package io.courier.security;

import com.nimbusds.jose.JWSAlgorithm;
import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigValueException;
import io.courier.api.filter.FilterContext;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code jwt} filter's options for one service, read and validated once at bind time.
 *
 * @param jwksFile a JWKS document on disk, or {@code null}
 * @param jwksUrl a JWKS document served over HTTPS, or {@code null}; exactly one of the two is set
 * @param issuer the only accepted {@code iss}
 * @param audiences the accepted {@code aud} values (a token must name at least one)
 * @param clockSkewSeconds tolerance applied to {@code exp} and {@code nbf}
 * @param algorithms the accepted signature algorithms, all asymmetric
 * @param refreshSeconds how long a fetched JWKS is used before it is fetched again
 * @param maxTokenBytes the longest token looked at; a longer one is refused unparsed
 * @param cacheSize how many verified tokens are remembered ({@code 0}: verify every call)
 */
record JwtOptions(
        Path jwksFile,
        URI jwksUrl,
        String issuer,
        Set<String> audiences,
        int clockSkewSeconds,
        Set<JWSAlgorithm> algorithms,
        int refreshSeconds,
        int maxTokenBytes,
        int cacheSize) {

    static final List<JWSAlgorithm> ALLOWED = SecurityKeys.ALLOWED_ALGORITHMS;

    static final int DEFAULT_CLOCK_SKEW_SECONDS = 60;
    static final int DEFAULT_REFRESH_SECONDS = 300;
    static final int DEFAULT_MAX_TOKEN_BYTES = 8192;
    static final int DEFAULT_CACHE_SIZE = 10_000;

    /** The options, or empty when neither {@code jwt.jwks-file} nor {@code jwt.jwks-url} is set. */
    static Optional<JwtOptions> from(FilterContext context) {
        Optional<Path> file = context.setting(SecurityKeys.JWT_JWKS_FILE);
        Optional<URI> url = context.setting(SecurityKeys.JWT_JWKS_URL);
        if (file.isEmpty() && url.isEmpty()) {
            return Optional.empty();
        }
        if (file.isPresent() && url.isPresent()) {
            throw new ConfigValueException(
                    SecurityKeys.JWT_JWKS_FILE.name(),
                    file.get().toString(),
                    "unset, since " + SecurityKeys.JWT_JWKS_URL.name() + " is set (one source of keys)",
                    null);
        }
        String source = (file.isPresent() ? SecurityKeys.JWT_JWKS_FILE : SecurityKeys.JWT_JWKS_URL).name();
        String issuer = required(context, SecurityKeys.JWT_ISSUER, "the issuer your tokens carry in iss", source);
        List<String> audience =
                required(context, SecurityKeys.JWT_AUDIENCE, "the audience(s) your tokens carry in aud", source);
        return Optional.of(new JwtOptions(
                file.orElse(null),
                url.orElse(null),
                issuer,
                new LinkedHashSet<>(audience),
                value(context, SecurityKeys.JWT_CLOCK_SKEW_SECONDS),
                value(context, SecurityKeys.JWT_ALGORITHMS),
                value(context, SecurityKeys.JWT_JWKS_REFRESH_SECONDS),
                value(context, SecurityKeys.JWT_MAX_TOKEN_BYTES),
                value(context, SecurityKeys.JWT_CACHE_SIZE)));
    }

    private static <T> T value(FilterContext context, ConfigKey<T> key) {
        return context.setting(key).orElse(key.defaultValue());
    }

    /** The value of {@code key}, which {@code because} makes required. */
    static <T> T required(FilterContext context, ConfigKey<T> key, String expectation, String because) {
        return context.setting(key)
                .orElseThrow(() -> new ConfigValueException(
                        key.name(), "(none)", expectation + ", since " + because + " is set", null));
    }
}
