package io.courier.security;

import io.courier.api.filter.FilterContext;
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
    static Optional<OAuth2ClientOptions> from(FilterContext context) {
        Optional<URI> url = context.setting(SecurityKeys.OAUTH2_TOKEN_URL);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        String because = SecurityKeys.OAUTH2_TOKEN_URL.name();
        String clientId = JwtOptions.required(context, SecurityKeys.OAUTH2_CLIENT_ID, "the client id", because);
        String secret = JwtOptions.required(context, SecurityKeys.OAUTH2_CLIENT_SECRET, "the client secret", because);
        return Optional.of(new OAuth2ClientOptions(
                url.get(),
                clientId,
                secret,
                context.setting(SecurityKeys.OAUTH2_SCOPE).orElse(null),
                context.setting(SecurityKeys.OAUTH2_AUDIENCE).orElse(null),
                context.setting(SecurityKeys.OAUTH2_REFRESH_BEFORE_SECONDS)
                        .orElse(SecurityKeys.OAUTH2_REFRESH_BEFORE_SECONDS.defaultValue()),
                context.setting(SecurityKeys.OAUTH2_TIMEOUT_MILLIS)
                        .orElse(SecurityKeys.OAUTH2_TIMEOUT_MILLIS.defaultValue())));
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
