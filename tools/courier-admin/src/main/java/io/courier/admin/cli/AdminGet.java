package io.courier.admin.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One GET of an application's admin endpoint, for the commands that read one ({@code proto}, {@code
 * events}): the address from {@code --admin HOST:PORT} or {@code COURIER_ADMIN_ADDRESS}, the answer's
 * body on 200, else the problem's detail on stderr.
 */
final class AdminGet {

    /** How long the admin endpoint has to answer. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern DETAIL = Pattern.compile("\"detail\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private AdminGet() {}

    /**
     * The admin endpoint's URI of {@code path}.
     *
     * @throws IllegalArgumentException (a usage error) naming {@code command} if no address is given or
     *     it is not one
     */
    static URI uri(Cli.Arguments arguments, Map<String, String> environment, String command, String path) {
        String admin = arguments.flags().getOrDefault("--admin", environment.get("COURIER_ADMIN_ADDRESS"));
        if (admin == null || admin.isBlank()) {
            throw new IllegalArgumentException(command + ": no admin endpoint (expected: --admin HOST:PORT,"
                    + " the host and admin port of the application, or COURIER_ADMIN_ADDRESS)");
        }
        try {
            String base = admin.contains("://") ? admin : "http://" + admin;
            return URI.create(base.replaceAll("/+$", "") + path);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--admin: '" + admin + "' (expected: HOST:PORT or http://HOST:PORT)");
        }
    }

    /** The body of a 200 answer; otherwise empty, with why on {@code err}. */
    static Optional<String> body(URI uri, long connectTimeoutMillis, PrintStream err) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(connectTimeoutMillis))
                .build();
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(uri).timeout(ANSWER_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() == 200) {
                return Optional.of(response.body());
            }
            Matcher detail = DETAIL.matcher(response.body());
            err.println("courier-admin: " + uri + " answered " + response.statusCode()
                    + (detail.find() ? ": " + detail.group(1).replace("\\\"", "\"") : ""));
        } catch (IOException e) {
            err.println("courier-admin: " + uri + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("courier-admin: interrupted");
        }
        return Optional.empty();
    }
}
