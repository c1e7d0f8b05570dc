package io.courier.registry.mdns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The mDNS packets (UDP port 5353) every interface of this machine carried while it ran, counted by a
 * small Python script on an {@code AF_PACKET} socket ({@code mdns_capture.py}, root only): what the
 * kernel saw, whoever sent it. Where it cannot run, the calling test is skipped, except under CI
 * ({@code CI=true}), where that fails it.
 */
final class PacketCapture implements AutoCloseable {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private final Process process;
    private final BufferedReader output;

    private PacketCapture(Process process) {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static PacketCapture start(Path dir) throws IOException {
        Path script = dir.resolve("mdns_capture.py");
        try (InputStream in = PacketCapture.class.getResourceAsStream("mdns_capture.py")) {
            Files.copy(in, script);
        }
        PacketCapture capture = new PacketCapture(new ProcessBuilder(PYTHON.toString(), script.toString())
                .redirectErrorStream(true)
                .start());
        String first = capture.output.readLine(); // "ready", or why not
        if (!"ready".equals(first)) {
            capture.close();
            String why = "the packet capture did not start (root and /usr/bin/python3 needed): " + first;
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI=true but " + why);
            }
            Assumptions.abort(why);
        }
        return capture;
    }

    /** Stops capturing; the packets each interface carried. */
    Map<String, Integer> stop() throws IOException, InterruptedException {
        process.getOutputStream().close(); // the script stops at the end of its input
        Map<String, Integer> counts = new HashMap<>();
        String line;
        while ((line = output.readLine()) != null && !line.equals("done")) {
            String[] words = line.split(" ");
            if (words.length == 3 && words[0].equals("count")) {
                counts.put(words[1], Integer.parseInt(words[2]));
            }
        }
        process.waitFor(10, TimeUnit.SECONDS);
        return counts;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
