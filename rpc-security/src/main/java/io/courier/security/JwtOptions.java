package io.courier.security;

import com.nimbusds.jose.JWSAlgorithm;
import io.courier.filter.internal.FilterProperties;
import io.courier.filter.internal.Setting;
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

    /**
     * Asymmetric JWS algorithms only: keys come from a JWKS of public keys, never a shared secret.
     * Not EdDSA: Nimbus verifies it only with Google Tink on the class path.
     */
    static final List<JWSAlgorithm> ALLOWED = List.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.PS256,
            JWSAlgorithm.PS384,
            JWSAlgorithm.PS512,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);

    static final int DEFAULT_CLOCK_SKEW_SECONDS = 60;
    static final int DEFAULT_REFRESH_SECONDS = 300;
    static final int DEFAULT_MAX_TOKEN_BYTES = 8192;
    static final int DEFAULT_CACHE_SIZE = 10_000;

    /** The options, or empty when neither {@code jwt.jwks-file} nor {@code jwt.jwks-url} is set. */
    static Optional<JwtOptions> from(FilterProperties properties) {
        Optional<Setting> file = properties.get("jwt.jwks-file");
        Optional<Setting> url = properties.get("jwt.jwks-url");
        if (file.isEmpty() && url.isEmpty()) {
            return Optional.empty();
        }
        if (file.isPresent() && url.isPresent()) {
            throw file.get().invalid("unset, since " + url.get().key() + " is set (one source of keys)");
        }
        String source = file.orElseGet(url::get).key();
        Setting issuer = required(properties, "jwt.issuer", "the issuer your tokens carry in iss", source);
        Setting audience = required(properties, "jwt.audience", "the audience(s) your tokens carry in aud", source);
        if (audience.asList().isEmpty()) {
            throw audience.invalid("one or more comma-separated audiences");
        }
        return Optional.of(new JwtOptions(
                file.map(setting -> Path.of(setting.value())).orElse(null),
                url.map(Urls::https).orElse(null),
                issuer.value(),
                new LinkedHashSet<>(audience.asList()),
                properties
                        .get("jwt.clock-skew-seconds")
                        .map(s -> s.asInt(0, 600))
                        .orElse(DEFAULT_CLOCK_SKEW_SECONDS),
                properties
                        .get("jwt.algorithms")
                        .map(JwtOptions::algorithms)
                        .orElse(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256)),
                properties
                        .get("jwt.jwks-refresh-seconds")
                        .map(s -> s.asInt(1, 86_400))
                        .orElse(DEFAULT_REFRESH_SECONDS),
                properties
                        .get("jwt.max-token-bytes")
                        .map(s -> s.asInt(256, 16_384))
                        .orElse(DEFAULT_MAX_TOKEN_BYTES),
                properties.get("jwt.cache-size").map(s -> s.asInt(0, 1_000_000)).orElse(DEFAULT_CACHE_SIZE)));
    }

    private static Setting required(FilterProperties properties, String option, String expectation, String because) {
        return properties
                .get(option)
                .orElseThrow(() -> new IllegalArgumentException(FilterProperties.key(option) + ": (none) (expected: "
                        + expectation + ", since " + because + " is set)"));
    }

    private static Set<JWSAlgorithm> algorithms(Setting setting) {
        List<String> names = setting.asList();
        String expectation = "one or more of " + ALLOWED + " (asymmetric only: no none, no HMAC)";
        if (names.isEmpty()) {
            throw setting.invalid(expectation);
        }
        Set<JWSAlgorithm> chosen = new LinkedHashSet<>();
        for (String name : names) {
            JWSAlgorithm algorithm = ALLOWED.stream()
                    .filter(candidate -> candidate.getName().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new Setting(setting.key(), name).invalid(expectation));
            chosen.add(algorithm);
        }
        return chosen;
    }
}
