package io.courier.testkit;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over one raw socket to 127.0.0.1, for tests that must see what a pooling client hides:
 * whether the server keeps a connection it answered on, and the exact header block it sent.
 */
public final class RawHttp implements AutoCloseable {

    /** One answer: the status and the header block as sent (body read and dropped by its length). */
    public record Answer(int status, String headers) {
        /** Whether the header block carries {@code Connection: close}. */
        public boolean closesConnection() {
            return headers.toLowerCase(java.util.Locale.ROOT).contains("\r\nconnection: close\r\n");
        }
    }

    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    /** Connects to 127.0.0.1:{@code port}; every read gives up after 10 seconds. */
    public RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream());
    }

    /**
     * Sends one request with {@code body} (none when empty) and reads its answer.
     *
     * @param requestLine for example {@code "POST /offline"}
     * @param headers extra header lines, each ending in CRLF; Host is added, and Content-Length when
     *     {@code body} is not empty
     */
    public Answer exchange(String requestLine, String headers, byte[] body) throws IOException {
        String head = requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers
                + (body.length > 0 ? "Content-Length: " + body.length + "\r\n" : "") + "\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return read();
    }

    private Answer read() throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the server closed the connection after: " + head);
            }
            if (head.length() == MAX_HEADER_BYTES) {
                throw new IOException("no end of the header block in " + MAX_HEADER_BYTES + " bytes");
            }
            head.append((char) b);
        }
        String headers = head.toString();
        long length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Long.parseLong(line.substring(15).strip());
            }
        }
        in.skipNBytes(length);
        return new Answer(Integer.parseInt(headers.substring(9, 12)), headers);
    }

    /**
     * Stops sending (a half-close) and tells whether the server then ends the connection: the next
     * read finds the end of the stream rather than another answer (within 10 s).
     */
    public boolean endsOnceSendingStops() throws IOException {
        socket.shutdownOutput();
        return in.read() < 0;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
