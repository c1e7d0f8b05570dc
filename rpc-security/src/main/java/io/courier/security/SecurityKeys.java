package io.courier.security;

import com.nimbusds.jose.JWSAlgorithm;
import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigKeyCatalog;
import io.courier.api.config.FilterSettings;
import io.courier.api.config.ValueType;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The options of rpc-security's filters ({@code jwt}, {@code access}, {@code oauth2-client}) as
 * typed keys, and the catalog that declares them to the
 * {@link io.courier.api.config.ConfigKeyRegistry} (registered in
 * {@code META-INF/services/io.courier.api.config.ConfigKeyCatalog}). Each type checks what one value
 * alone can tell; what depends on two keys (a URL and a secret) is checked by the filter's options.
 */
public final class SecurityKeys implements ConfigKeyCatalog {

    /**
     * Asymmetric JWS algorithms only: keys come from a JWKS of public keys, never a shared secret.
     * Not EdDSA: Nimbus verifies it only with Google Tink on the class path.
     */
    static final List<JWSAlgorithm> ALLOWED_ALGORITHMS = List.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.PS256,
            JWSAlgorithm.PS384,
            JWSAlgorithm.PS512,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384,
            JWSAlgorithm.ES512);

    /** RFC 6749 section 3.3 scope-token. */
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    static final List<String> NAME_TYPES = List.of("CN=", "DNS:", "IP:", "URI:", "EMAIL:");

    private static final List<ConfigKey<?>> ALL = new ArrayList<>();

    // --- jwt ---
    public static final ConfigKey<Path> JWT_JWKS_FILE = add(FilterSettings.key(
            "jwt.jwks-file",
            ValueType.path().bare(),
            null,
            "(none)",
            "a JWKS document on disk, re-read after jwks-refresh-seconds; public asymmetric keys only"));
    public static final ConfigKey<URI> JWT_JWKS_URL = add(FilterSettings.key(
            "jwt.jwks-url",
            httpsUrl(),
            null,
            "(none)",
            "a JWKS document over https:// (http:// only to a loopback address); this or jwks-file turns jwt on"));
    public static final ConfigKey<String> JWT_ISSUER =
            add(FilterSettings.key("jwt.issuer", ValueType.text(), null, "(required)", "the only accepted iss"));
    public static final ConfigKey<List<String>> JWT_AUDIENCE = add(FilterSettings.key(
            "jwt.audience",
            items("one or more comma-separated audiences"),
            null,
            "(required)",
            "accepted aud values, comma-separated; the token must carry one"));
    public static final ConfigKey<Set<JWSAlgorithm>> JWT_ALGORITHMS = add(FilterSettings.key(
            "jwt.algorithms",
            algorithms(),
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
            "RS256,ES256",
            "accepted algorithms among RS256/384/512, PS256/384/512, ES256/384/512; none and HS* are refused"));
    static final ConfigKey<Integer> JWT_CLOCK_SKEW_SECONDS = add(FilterSettings.key(
            "jwt.clock-skew-seconds", ValueType.intRange(0, 600), 60, "60", "tolerance on exp and nbf (0 to 600)"));
    static final ConfigKey<Integer> JWT_JWKS_REFRESH_SECONDS = add(FilterSettings.key(
            "jwt.jwks-refresh-seconds",
            ValueType.intRange(1, 86_400),
            300,
            "300",
            "how long a fetched key set is used (1 to 86,400)"));
    static final ConfigKey<Integer> JWT_MAX_TOKEN_BYTES = add(FilterSettings.key(
            "jwt.max-token-bytes",
            ValueType.intRange(256, 16_384),
            8_192,
            "8192",
            "the longest token looked at (256 to 16,384)"));
    public static final ConfigKey<Integer> JWT_CACHE_SIZE = add(FilterSettings.key(
            "jwt.cache-size",
            ValueType.intRange(0, 1_000_000),
            10_000,
            "10000",
            "verified tokens remembered (0 to 1,000,000; 0 verifies every call)"));

    // --- access (each also per method) ---
    static final ConfigKey<List<String>> ACCESS_ROLES = add(FilterSettings.key(
            "access.roles",
            items("one or more role names, comma-separated"),
            null,
            "(none)",
            "the caller needs at least one of these roles"));
    static final ConfigKey<List<String>> ACCESS_SCOPES = add(FilterSettings.key(
            "access.scopes", scopes(), null, "(none)", "the caller needs every one of these scopes"));
    static final ConfigKey<List<String>> ACCESS_SUBJECTS = add(FilterSettings.key(
            "access.subjects",
            items("one or more subjects, comma-separated"),
            null,
            "(none)",
            "the caller must be one of these subjects (sub, or a certificate's subject DN)"));
    static final ConfigKey<List<String>> ACCESS_CERTIFICATE_NAMES = add(FilterSettings.key(
            "access.certificate-names",
            certificateNames(),
            null,
            "(none)",
            "the caller's certificate must carry one of these names: CN=, DNS:, IP:, URI:, EMAIL:"));
    static final ConfigKey<String> ACCESS_DEFAULT = add(FilterSettings.key(
            "access.default",
            ValueType.choice("authenticated", "deny"),
            "authenticated",
            "authenticated",
            "a method without a rule admits any identified caller (authenticated) or nobody (deny)"));

    // --- oauth2-client ---
    static final ConfigKey<URI> OAUTH2_TOKEN_URL = add(FilterSettings.key(
            "oauth2-client.token-url",
            httpsUrl(),
            null,
            "(none)",
            "the token endpoint, https:// (http:// only to a loopback address); unset: off"));
    static final ConfigKey<String> OAUTH2_CLIENT_ID =
            add(FilterSettings.key("oauth2-client.client-id", ValueType.text(), null, "(required)", "the client id"));
    static final ConfigKey<String> OAUTH2_CLIENT_SECRET = add(FilterSettings.key(
            "oauth2-client.client-secret",
            new ValueType<>(
                    "secret",
                    "the client secret",
                    text -> text.isEmpty() ? null : text,
                    ValueType.secret(1).shown()),
            null,
            "(required)",
            "the client secret; sent with HTTP Basic only, never echoed"));
    static final ConfigKey<String> OAUTH2_SCOPE = add(FilterSettings.key(
            "oauth2-client.scope", ValueType.text(), null, "(none)", "scopes to ask for, space-separated"));
    static final ConfigKey<String> OAUTH2_AUDIENCE = add(FilterSettings.key(
            "oauth2-client.audience",
            ValueType.text(),
            null,
            "(none)",
            "an audience parameter, for servers that need one"));
    static final ConfigKey<Integer> OAUTH2_REFRESH_BEFORE_SECONDS = add(FilterSettings.key(
            "oauth2-client.refresh-before-seconds",
            ValueType.intRange(0, 3600),
            60,
            "60",
            "replace a token this long before it expires, never before half its life (0 to 3,600)"));
    static final ConfigKey<Integer> OAUTH2_TIMEOUT_MILLIS = add(FilterSettings.key(
            "oauth2-client.timeout-millis",
            ValueType.intRange(100, 60_000),
            5_000,
            "5000",
            "time allowed for one token request (100 to 60,000)"));

    /** For {@link java.util.ServiceLoader}. */
    public SecurityKeys() {}

    @Override
    public List<ConfigKey<?>> keys() {
        return List.copyOf(ALL);
    }

    private static <T> ConfigKey<T> add(ConfigKey<T> key) {
        ALL.add(key);
        return key;
    }

    /** Comma-separated items, at least one. */
    private static ValueType<List<String>> items(String expectation) {
        ValueType<List<String>> items = ValueType.items();
        return new ValueType<>(
                "list",
                expectation,
                text -> {
                    List<String> parsed = ValueType.split(text);
                    return parsed.isEmpty() ? null : parsed;
                },
                items.shown());
    }

    private static ValueType<List<String>> scopes() {
        ValueType<List<String>> names = items("one or more scope names, comma-separated");
        return new ValueType<>(
                "list",
                names.expectation(),
                text -> {
                    List<String> parsed = names.parser().apply(text);
                    if (parsed != null
                            && !parsed.stream()
                                    .allMatch(scope -> SCOPE.matcher(scope).matches())) {
                        throw new ValueType.Rejected(
                                text, "scope names of printable ASCII without spaces, quotes or backslashes");
                    }
                    return parsed;
                },
                names.shown());
    }

    private static ValueType<List<String>> certificateNames() {
        ValueType<List<String>> names = items("one or more certificate names, comma-separated");
        return new ValueType<>(
                "list",
                names.expectation(),
                text -> {
                    List<String> parsed = names.parser().apply(text);
                    for (String name : parsed == null ? List.<String>of() : parsed) {
                        if (NAME_TYPES.stream().noneMatch(name::startsWith)) {
                            throw new ValueType.Rejected(
                                    name,
                                    "a certificate name starting with one of " + NAME_TYPES
                                            + ", e.g. DNS:orders.internal");
                        }
                    }
                    return parsed;
                },
                names.shown());
    }

    private static ValueType<Set<JWSAlgorithm>> algorithms() {
        String expectation = "one or more of " + ALLOWED_ALGORITHMS + " (asymmetric only: no none, no HMAC)";
        return new ValueType<>(
                "list",
                expectation,
                text -> {
                    List<String> names = ValueType.split(text);
                    if (names.isEmpty()) {
                        return null;
                    }
                    Set<JWSAlgorithm> chosen = new LinkedHashSet<>();
                    for (String name : names) {
                        chosen.add(ALLOWED_ALGORITHMS.stream()
                                .filter(candidate -> candidate.getName().equals(name))
                                .findFirst()
                                .orElseThrow(() -> new ValueType.Rejected(name, expectation)));
                    }
                    return chosen;
                },
                ValueType.items().shown());
    }

    /**
     * The algorithms named, each one of {@link #ALLOWED_ALGORITHMS}.
     *
     * @throws IllegalArgumentException naming the first that is not allowed
     */
    static Set<JWSAlgorithm> algorithmsOf(Set<String> names) {
        Set<JWSAlgorithm> chosen = new LinkedHashSet<>();
        for (String name : names) {
            chosen.add(ALLOWED_ALGORITHMS.stream()
                    .filter(candidate -> candidate.getName().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("algorithms: " + name + " (expected: one of "
                            + ALLOWED_ALGORITHMS + "; asymmetric only: no none, no HMAC)")));
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("algorithms: [] (expected: one or more of " + ALLOWED_ALGORITHMS + ")");
        }
        return chosen;
    }

    /** An absolute https URI, or http to a loopback address (development, tests). */
    private static ValueType<URI> httpsUrl() {
        return new ValueType<>(
                "string",
                "an absolute https:// URL",
                Urls::https,
                ValueType.text().shown());
    }
}
