package io.courier.security;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Asks a token endpoint for an access token with the client credentials grant (RFC 6749 section
 * 4.4), authenticating with HTTP Basic ({@code client_secret_basic}). The secret appears in the
 * request's {@code Authorization} header only, never in a message or a log line.
 */
final class TokenClient {

    /** A token response is a few kilobytes; more is refused unparsed. */
    static final int MAX_RESPONSE_CHARS = 64 * 1024;

    /** Used when the server omits {@code expires_in}. */
    static final long DEFAULT_LIFETIME_SECONDS = 300;

    private final OAuth2ClientOptions options;
    private final HttpClient http;
    private final LongSupplier nanoTime;
    private final String basic;
    private final String form;

    TokenClient(OAuth2ClientOptions options, HttpClient http, LongSupplier nanoTime) {
        this.options = options;
        this.http = http;
        this.nanoTime = nanoTime;
        this.basic = "Basic "
                + Base64.getEncoder()
                        .encodeToString((encode(options.clientId()) + ":" + encode(options.clientSecret()))
                                .getBytes(StandardCharsets.UTF_8));
        StringBuilder body = new StringBuilder("grant_type=client_credentials");
        if (options.scope() != null) {
            body.append("&scope=").append(encode(options.scope()));
        }
        if (options.audience() != null) {
            body.append("&audience=").append(encode(options.audience()));
        }
        this.form = body.toString();
    }

    /** Fetches a token; fails with {@code FORBIDDEN} (not executed) saying why, without the secret. */
    CompletableFuture<IssuedToken> fetch() {
        HttpRequest request = HttpRequest.newBuilder(options.tokenUrl())
                .timeout(Duration.ofMillis(options.timeoutMillis()))
                .header("Authorization", basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((response, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                        throw failed("the request failed: " + cause.getClass().getSimpleName());
                    }
                    return parse(response.statusCode(), response.body());
                });
    }

    IssuedToken parse(int status, String body) {
        if (body.length() > MAX_RESPONSE_CHARS) {
            throw failed("status " + status + ", an answer of " + body.length() + " chars (expected: at most "
                    + MAX_RESPONSE_CHARS + ")");
        }
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(body);
        } catch (ParseException e) {
            throw failed("status " + status + ", an answer that is not a JSON object");
        }
        if (status != 200) {
            // RFC 6749 section 5.2: error and error_description name the problem, never the secret.
            throw failed("status " + status + ", error " + json.get("error")
                    + (json.get("error_description") instanceof String description ? " (" + description + ")" : ""));
        }
        if (!(json.get("access_token") instanceof String token) || token.isEmpty()) {
            throw failed("status 200 without an access_token");
        }
        if (json.get("token_type") instanceof String type && !type.equalsIgnoreCase("Bearer")) {
            throw failed("token_type " + type + " (expected: Bearer)");
        }
        long lifetime = json.get("expires_in") instanceof Number seconds && seconds.longValue() > 0
                ? seconds.longValue()
                : DEFAULT_LIFETIME_SECONDS;
        return IssuedToken.of(token, nanoTime.getAsLong(), lifetime, options.refreshBeforeSeconds());
    }

    private RpcException failed(String why) {
        return new RpcException(
                ErrorCode.FORBIDDEN,
                true,
                "oauth2-client: no token from " + options.tokenUrl() + " for client " + options.clientId() + ": " + why,
                null);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
