package io.courier.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.gateway.fixtures.OrderDesk;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * {@code application/msgpack} from a client we did not write: Python's {@code msgpack} (Debian's
 * {@code python3-msgpack}, run as {@code /usr/bin/python3}) posts a call's arguments as a MessagePack
 * map and reads the answer it asks for with {@code Accept}. Skipped without it, failed under {@code
 * CI=true}, where {@code .ci/run} installs it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GatewayMessagePackTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String DESK = "/" + OrderDesk.class.getName();

    /** Posts argv[2] (a Python literal) packed to argv[1]; prints status, content type, and the answer unpacked. */
    private static final String CLIENT =
            """
            import ast, json, sys, urllib.request, urllib.error, msgpack
            body = msgpack.packb(ast.literal_eval(sys.argv[2]))
            request = urllib.request.Request(sys.argv[1], data=body, method="POST", headers={
                "Content-Type": "application/msgpack", "Accept": "application/msgpack"})
            try:
                with urllib.request.urlopen(request, timeout=20) as answer:
                    print(answer.status)
                    print(answer.headers["Content-Type"])
                    print(json.dumps(msgpack.unpackb(answer.read()), sort_keys=True))
            except urllib.error.HTTPError as problem:
                print(problem.code)
                print(problem.headers["Content-Type"])
                print(problem.read().decode())
            """;

    static GatewayFixture fixture;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        requirePythonMsgpack();
        fixture = GatewayFixture.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void pythonMsgpackClient_callsInMessagePack_andReadsTheAnswerInIt() throws Exception {
        String[] answer = python(
                DESK + "/place", "{'order': {'sku': 'tea', 'quantity': 2, 'notes': ['green']}, 'customer': 'ann'}");

        assertThat(answer[0]).isEqualTo("200");
        assertThat(answer[1]).isEqualTo("application/msgpack");
        assertThat(answer[2]).isEqualTo("{\"customer\": \"ann\", \"id\": 42, \"quantity\": 2, \"sku\": \"tea\"}");
    }

    @Test
    void pythonMsgpackClient_sendingAMismatchedValue_getsAProblemJson_andNothingRuns() throws Exception {
        int before = fixture.desk.calls.get();
        String[] mismatched =
                python(DESK + "/place", "{'order': {'sku': 'tea', 'quantity': 'two'}, 'customer': 'ann'}");

        assertThat(mismatched[0]).isEqualTo("400");
        assertThat(mismatched[1]).isEqualTo(Problems.CONTENT_TYPE);
        assertThat(fixture.desk.calls.get()).as("nothing executed").isEqualTo(before);
    }

    @Test
    void malformedOrHostileMessagePack_isRefusedUnread() {
        byte[][] bodies = {
            {(byte) 0xc1}, // a byte MessagePack never uses
            {(byte) 0x81, (byte) 0xa1, 'a'}, // a map cut short
            {(byte) 0xdb, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}, // a string longer than the body
            {(byte) 0xd6, (byte) 0xff, 0, 0, 0, 1} // a timestamp extension
        };
        for (byte[] body : bodies) {
            HttpResponse<String> answer = fixture.send(HttpRequest.newBuilder(fixture.uri(DESK + "/echo"))
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/msgpack")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build());
            assertThat(answer.statusCode()).isEqualTo(400);
            assertThat(answer.body()).contains("the MessagePack body cannot be read");
        }
    }

    @Test
    void jsonCall_askingForMessagePack_isAnsweredInIt_overHttp1AndHttp2() throws IOException {
        HttpClient http2 =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        // HTTP/1.1; then HTTP/2 by Upgrade, and a second call on the connection the upgrade left (served by it)
        for (HttpClient client : List.of(fixture.http, http2, http2)) {
            HttpResponse<byte[]> answer = sendBytes(
                    client,
                    HttpRequest.newBuilder(fixture.uri(DESK + "/add"))
                            .timeout(Duration.ofSeconds(20))
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/msgpack")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"a\":40,\"b\":2}"))
                            .build());

            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/msgpack");
            try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(answer.body())) {
                assertThat(unpacker.unpackLong()).isEqualTo(42L);
                assertThat(unpacker.hasNext()).isFalse();
            }
        }
    }

    private static HttpResponse<byte[]> sendBytes(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs the Python client to its end (at most 60 s): its three lines of output. */
    private static String[] python(String path, String arguments) throws Exception {
        Path script = dir.resolve("client.py");
        if (!Files.exists(script)) {
            Files.writeString(script, CLIENT);
        }
        Path output = Files.createTempFile(dir, "client-", ".log");
        Process process = new ProcessBuilder(
                        PYTHON.toString(), script.toString(), fixture.uri(path).toString(), arguments)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            boolean done = process.waitFor(60, TimeUnit.SECONDS);
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(done).as("finished within 60 s: %s", text).isTrue();
            assertThat(process.exitValue()).as("exit: %s", text).isZero();
            return text.strip().split("\n", 3);
        } finally {
            process.destroyForcibly();
        }
    }

    private static void requirePythonMsgpack() throws Exception {
        boolean present = Files.isExecutable(PYTHON)
                && new ProcessBuilder(PYTHON.toString(), "-c", "import msgpack")
                                .redirectErrorStream(true)
                                .start()
                                .waitFor()
                        == 0;
        if (!present) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(
                        "CI=true but Python's msgpack is not installed (apt-get install python3-msgpack)");
            }
            Assumptions.abort("python3-msgpack is not installed");
        }
    }
}
