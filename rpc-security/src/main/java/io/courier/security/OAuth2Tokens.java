package io.courier.security;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The application's OAuth2 token caches, one per client and requested token, shared by every
 * reference that uses the same client; one HTTP client for all of them.
 */
final class OAuth2Tokens {

    // HTTP/1.1: token endpoints need nothing more, and the JDK's cleartext h2c upgrade of a POST
    // stalls some servers.
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final Map<String, TokenSource> sources = new ConcurrentHashMap<>();

    TokenSource of(OAuth2ClientOptions options) {
        return sources.computeIfAbsent(options.cacheKey(), key -> {
            TokenClient client = new TokenClient(options, http, System::nanoTime);
            return new TokenSource(options.clientId() + " at " + options.tokenUrl(), client::fetch, System::nanoTime);
        });
    }
}
