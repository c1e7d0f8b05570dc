package io.courier.security;

import io.courier.filter.internal.FilterProperties;
import io.courier.filter.internal.Setting;
import java.net.URI;
import java.util.Optional;

/**
 * The {@code oauth2-client} filter's options, read and validated once at bind time.
 * {@link #toString()} hides the secret.
 *
 * @param tokenUrl the authorization server's token endpoint
 * @param clientId the client's id
 * @param clientSecret the client's secret, sent with HTTP Basic authentication only
 * @param scope the space-separated scopes to ask for, or {@code null} for the client's default
 * @param audience the {@code audience} parameter some servers need, or {@code null}
 * @param refreshBeforeSeconds how long before expiry a token is replaced (at most half its life)
 * @param timeoutMillis how long a token request may take
 */
record OAuth2ClientOptions(
        URI tokenUrl,
        String clientId,
        String clientSecret,
        String scope,
        String audience,
        int refreshBeforeSeconds,
        int timeoutMillis) {

    /** The options, or empty when {@code oauth2-client.token-url} is not set. */
    static Optional<OAuth2ClientOptions> from(FilterProperties properties) {
        Optional<Setting> url = properties.get("oauth2-client.token-url");
        if (url.isEmpty()) {
            return Optional.empty();
        }
        Setting clientId = required(properties, "oauth2-client.client-id", "the client id", url.get());
        Setting secret = properties
                .get("oauth2-client.client-secret")
                .orElseThrow(() -> new IllegalArgumentException(FilterProperties.key("oauth2-client.client-secret")
                        + ": (none) (expected: the client secret, since "
                        + url.get().key() + " is set)"));
        if (secret.value().isEmpty()) {
            throw new IllegalArgumentException(secret.key() + ": (hidden, 0 bytes) (expected: the client secret)");
        }
        return Optional.of(new OAuth2ClientOptions(
                Urls.https(url.get()),
                clientId.value(),
                secret.value(),
                properties.get("oauth2-client.scope").map(Setting::value).orElse(null),
                properties.get("oauth2-client.audience").map(Setting::value).orElse(null),
                properties
                        .get("oauth2-client.refresh-before-seconds")
                        .map(s -> s.asInt(0, 3600))
                        .orElse(60),
                properties
                        .get("oauth2-client.timeout-millis")
                        .map(s -> s.asInt(100, 60_000))
                        .orElse(5_000)));
    }

    private static Setting required(FilterProperties properties, String option, String expectation, Setting because) {
        return properties
                .get(option)
                .orElseThrow(() -> new IllegalArgumentException(FilterProperties.key(option) + ": (none) (expected: "
                        + expectation + ", since " + because.key() + " is set)"));
    }

    /** Which cache serves these options: the same client asking for the same token shares one. */
    String cacheKey() {
        return tokenUrl + " " + clientId + " " + scope + " " + audience;
    }

    @Override
    public String toString() {
        return "OAuth2ClientOptions[tokenUrl=" + tokenUrl + ", clientId=" + clientId + ", clientSecret=(hidden), scope="
                + scope + ", audience=" + audience + ", refreshBeforeSeconds=" + refreshBeforeSeconds
                + ", timeoutMillis=" + timeoutMillis + "]";
    }
}
