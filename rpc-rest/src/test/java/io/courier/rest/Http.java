package io.courier.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** HTTP as stock tools send it: curl, and raw bytes on a socket for what no client sends. */
public final class Http {

    /** An answer: status, header block and body. */
    public record Answer(int status, String headers, String body) {
        public String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }
    }

    private Http() {}

    /**
     * Skips the test when {@code program} is not installed (Debian's package of that name), except under
     * CI ({@code CI=true}), where its absence fails the test: {@code .ci/run} installs it.
     */
    public static void requireOrSkip(String program) {
        if (!Files.isExecutable(Path.of(program))) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI=true but " + program + " is not installed (.ci/run installs it)");
            }
            Assumptions.abort(program + " is not installed");
        }
    }

    /** Runs curl with {@code arguments} (silent, headers shown) and parses its output. */
    public static Answer curl(String... arguments) throws Exception {
        requireOrSkip("/usr/bin/curl");
        List<String> command = new ArrayList<>(List.of("/usr/bin/curl", "-s", "-i", "--max-time", "10"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("curl did not end");
        }
        return parse(new String(output, StandardCharsets.UTF_8));
    }

    /** Sends {@code request} as it is on a new connection and reads until the server closes it. */
    public static Answer raw(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0 && all.size() < 1 << 20; ) {
                all.write(buffer, 0, n);
            }
            return parse(all.toString(StandardCharsets.UTF_8));
        }
    }

    public static Answer raw(int port, String request) throws IOException {
        return raw(port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Answer parse(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            return new Answer(-1, "", text);
        }
        String head = text.substring(0, end);
        int status = Integer.parseInt(head.substring(9, 12));
        return new Answer(status, head.substring(head.indexOf("\r\n") + 2) + "\r\n", text.substring(end + 4));
    }

    public static boolean isJsonProblem(Answer answer) {
        return "application/problem+json".equals(answer.header("content-type"))
                && answer.body().contains("\"status\":" + answer.status())
                && !answer.body().toLowerCase(Locale.ROOT).contains("exception:");
    }
}
