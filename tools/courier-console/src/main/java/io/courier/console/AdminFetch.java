package io.courier.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.api.Endpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads one path of an application's admin endpoint ({@code docs/operations.md}, "Admin endpoint"):
 * a GET of a fixed path at an address the registry or the operator named, with short timeouts and
 * a size limit, so that a slow, dead or hostile endpoint costs the console at most {@link
 * #READ_TIMEOUT_MILLIS} and {@link #MAX_BYTES}. Nothing it reads is sent on; it is parsed, and
 * the numbers and names taken from it are shown as text. Blocking; thread-safe.
 */
final class AdminFetch {

    static final int CONNECT_TIMEOUT_MILLIS = 1_000;
    static final int READ_TIMEOUT_MILLIS = 2_000;
    static final int MAX_BYTES = 4 * 1024 * 1024;

    private AdminFetch() {}

    /** {@code host:port} as an admin address (host name or IP literal), or empty when it is not one. */
    static Optional<String> address(String text) {
        if (text == null || text.isEmpty() || text.length() > 300) {
            return Optional.empty();
        }
        try {
            Endpoint endpoint = Endpoint.parse(text);
            // a host name or an IP literal only: nothing that would change the URL built from it
            return endpoint.host().matches("[A-Za-z0-9._:%-]+") ? Optional.of(endpoint.toString()) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The body of {@code path} at {@code address}; empty on 404 (metrics switched off).
     *
     * @throws IOException if the endpoint cannot be reached, answers another status, or sends more
     *     than {@link #MAX_BYTES}
     */
    static Optional<String> text(String address, String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection)
                URI.create("http://" + address + path).toURL().openConnection();
        connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        connection.setReadTimeout(READ_TIMEOUT_MILLIS);
        connection.setInstanceFollowRedirects(false);
        try {
            int status = connection.getResponseCode();
            if (status == 404) {
                connection.getErrorStream().close();
                return Optional.empty();
            }
            if (status != 200) {
                throw new IOException(address + path + ": HTTP " + status + " (expected: 200)");
            }
            try (InputStream in = connection.getInputStream()) {
                return Optional.of(read(in, address + path));
            }
        } finally {
            connection.disconnect();
        }
    }

    /** The JSON document at {@code path}. */
    static JsonNode json(String address, String path) throws IOException {
        String text =
                text(address, path).orElseThrow(() -> new IOException(address + path + ": HTTP 404 (expected: 200)"));
        return Exchanges.JSON.readTree(text);
    }

    private static String read(InputStream in, String what) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (bytes.size() + n > MAX_BYTES) {
                throw new IOException(what + ": more than " + MAX_BYTES + " bytes");
            }
            bytes.write(buffer, 0, n);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
