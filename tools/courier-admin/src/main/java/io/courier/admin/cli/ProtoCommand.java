package io.courier.admin.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code courier-admin proto SERVICE}: the {@code .proto} of an exported service, as the application
 * serving it describes it over gRPC, fetched from its admin endpoint ({@code GET
 * /schema/grpc/SERVICE}) at {@code --admin HOST:PORT} (or {@code COURIER_ADMIN_ADDRESS}).
 */
final class ProtoCommand {

    /** How long the admin endpoint has to answer. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern DETAIL = Pattern.compile("\"detail\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private ProtoCommand() {}

    static int run(Cli.Arguments arguments, Map<String, String> environment, PrintStream out, PrintStream err) {
        String service = arguments.word(1, "SERVICE");
        String admin = arguments.flags().getOrDefault("--admin", environment.get("COURIER_ADMIN_ADDRESS"));
        if (admin == null || admin.isBlank()) {
            throw new IllegalArgumentException("proto " + service + ": no admin endpoint (expected: --admin HOST:PORT,"
                    + " the courier.admin.port of the application that serves the service, or COURIER_ADMIN_ADDRESS)");
        }
        URI uri;
        try {
            String base = admin.contains("://") ? admin : "http://" + admin;
            uri = URI.create(base.replaceAll("/+$", "") + "/schema/grpc/"
                    + URLEncoder.encode(service, StandardCharsets.UTF_8).replace("%2F", "/"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--admin: '" + admin + "' (expected: HOST:PORT or http://HOST:PORT)");
        }
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(arguments.connectTimeoutMillis()))
                .build();
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(uri).timeout(ANSWER_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() == 200) {
                out.print(response.body());
                return Cli.OK;
            }
            Matcher detail = DETAIL.matcher(response.body());
            err.println("courier-admin: " + uri + " answered " + response.statusCode()
                    + (detail.find() ? ": " + detail.group(1).replace("\\\"", "\"") : ""));
            return Cli.FAILED;
        } catch (IOException e) {
            err.println("courier-admin: " + uri + ": " + e);
            return Cli.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("courier-admin: interrupted");
            return Cli.FAILED;
        }
    }
}
