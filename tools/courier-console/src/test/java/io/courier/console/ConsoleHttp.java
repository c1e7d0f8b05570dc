package io.courier.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The console's API requests as its page makes them: JSON, the session's CSRF token on a POST when given. */
final class ConsoleHttp {

    private ConsoleHttp() {}

    static HttpResponse<String> get(HttpClient client, URI uri) throws Exception {
        return client.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(HttpClient client, URI uri, String body, String csrfToken) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (csrfToken != null) {
            request.header("X-CSRF-Token", csrfToken);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
