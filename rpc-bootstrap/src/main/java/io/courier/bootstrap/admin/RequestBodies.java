package io.courier.bootstrap.admin;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;

/**
 * What an answer from the JDK's HTTP server does with the request body it has not read, for every
 * endpoint Courier serves on that server (the admin endpoint, the console).
 *
 * <p>The JDK's server drains an unread body after the answer and, when it cannot reach the end,
 * closes the connection without saying so: the answer went out as keep-alive, the client put the
 * connection back in its pool, and its next request on it fails ("header parser received no bytes",
 * a reset). A body of exactly 64 KiB is enough, because the server's drain stops after 64 KiB without
 * seeing the end. So before answering, {@link #finish} reads what is left, up to {@link #DRAIN_LIMIT}
 * bytes, and otherwise marks the answer {@code Connection: close}.
 */
public final class RequestBodies {

    /** How much of a body an answer still reads so that the connection can carry the next request. */
    public static final int DRAIN_LIMIT = 64 * 1024;

    private RequestBodies() {}

    /**
     * Reads and discards the body, up to {@code limit} bytes.
     *
     * @return whether the body ended within {@code limit} bytes
     */
    public static boolean discard(HttpExchange exchange, int limit) throws IOException {
        InputStream in = exchange.getRequestBody();
        byte[] buffer = new byte[512];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) >= 0) {
            total += read;
            if (total > limit) {
                return false;
            }
        }
        return true;
    }

    /**
     * Call before {@code sendResponseHeaders}, with the body stream not closed: reads what is left of
     * the body (nothing when the handler read it to its end), or says the connection closes.
     */
    public static void finish(HttpExchange exchange) throws IOException {
        if (declaredLength(exchange) > DRAIN_LIMIT || !discard(exchange, DRAIN_LIMIT)) {
            exchange.getResponseHeaders().set("Connection", "close");
        }
    }

    /** The declared body length; -1 when none is declared (chunked or absent), -2 when it is not a number. */
    public static long declaredLength(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -2;
        }
    }
}
