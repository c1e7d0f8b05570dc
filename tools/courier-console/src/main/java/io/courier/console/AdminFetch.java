package io.courier.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.api.Endpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads one path of an application's admin endpoint ({@code docs/operations.md}, "Admin endpoint"):
 * a GET of a fixed path at an address the registry or the operator named, with short timeouts and
 * a size limit, so that a slow, dead or hostile endpoint costs the console at most about {@link
 * #MAX_READ_MILLIS} per path and {@link #MAX_BYTES}. Nothing it reads is sent on; it is parsed, and
 * the numbers and names taken from it are shown as text. Blocking; thread-safe.
 */
final class AdminFetch {

    static final int CONNECT_TIMEOUT_MILLIS = 1_000;
    static final int READ_TIMEOUT_MILLIS = 2_000;
    static final int MAX_BYTES = 4 * 1024 * 1024;
    /** The longest a whole answer may take to arrive. */
    static final int MAX_READ_MILLIS = 2 * READ_TIMEOUT_MILLIS;

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
                // never through a proxy the JVM may be configured with: admin endpoints are inside
                URI.create("http://" + address + path).toURL().openConnection(Proxy.NO_PROXY);
        connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        connection.setReadTimeout(READ_TIMEOUT_MILLIS);
        connection.setInstanceFollowRedirects(false);
        try {
            int status = connection.getResponseCode();
            if (status == 404) {
                connection.disconnect();
                return Optional.empty();
            }
            if (status != 200) {
                throw new IOException(address + path + ": HTTP " + status + " (expected: 200)");
            }
            // read to the end and closed, the connection goes back to the JDK's keep-alive cache for
            // the next round
            try (InputStream in = connection.getInputStream()) {
                return Optional.of(read(in, address + path));
            }
        } catch (IOException | RuntimeException e) {
            connection.disconnect();
            throw e;
        }
    }

    /** The JSON document at {@code path}. */
    static JsonNode json(String address, String path) throws IOException {
        String text =
                text(address, path).orElseThrow(() -> new IOException(address + path + ": HTTP 404 (expected: 200)"));
        return Exchanges.JSON.readTree(text);
    }

    /** The whole body, within {@link #MAX_BYTES} and {@link #MAX_READ_MILLIS}: a slow drip is cut off too. */
    private static String read(InputStream in, String what) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(MAX_READ_MILLIS);
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (System.nanoTime() - deadline > 0) {
                throw new IOException(what + ": the answer took more than " + MAX_READ_MILLIS + " ms");
            }
            if (bytes.size() + n > MAX_BYTES) {
                throw new IOException(what + ": more than " + MAX_BYTES + " bytes");
            }
            bytes.write(buffer, 0, n);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
