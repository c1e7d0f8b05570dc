package io.courier.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.gateway.fixtures.OrderDesk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every bad input the gateway must survive: each gets a clear status, nothing runs on the provider,
 * no class named in the input is loaded, and the gateway keeps serving.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GatewayHostileInputTest {

    static final String DESK = "/" + OrderDesk.class.getName();
    static final int MAX_BODY = 512 * 1024;
    static GatewayFixture fixture;
    int callsBefore;

    @BeforeAll
    static void start() throws Exception {
        fixture = new GatewayFixture(
                GatewayOptions.builder().maxBodyBytes(MAX_BODY).requestTimeoutMillis(1_000), null);
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @BeforeEach
    void countCalls() {
        callsBefore = fixture.desk.calls.get();
    }

    @AfterEach
    void gatewayKeepsServing() {
        assertThat(fixture.desk.calls.get())
                .as("calls that ran on the provider")
                .isEqualTo(callsBefore);
        assertThat(fixture.post(DESK + "/echo", "[\"still here\"]").body()).isEqualTo("\"still here\"");
        assertThat(System.getProperty("courier.gateway.trap.loaded"))
                .as("Trap loaded")
                .isNull();
        callsBefore = fixture.desk.calls.get();
    }

    @Test
    void bodyOverTheLimit_is413_andTheRestIsNeverRead() throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + DESK + "/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 52428800\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = readResponse(socket.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 413").contains("application/problem+json");
            assertThat(connectionClosed(socket)).isTrue();
        }
    }

    @Test
    void fiftyMegabyteString_is413_unread() throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + DESK + "/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("10000\r\n" + "x".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            out.write("8\r\n[\"xxxxxx\r\n".getBytes(StandardCharsets.US_ASCII));
            int sent = 0;
            try {
                for (; sent < 50 * 1024 * 1024; sent += 0x10000) {
                    out.write(chunk);
                }
            } catch (SocketException e) {
                // the gateway closed the connection after its limit: what it should do
            }
            String response = readResponse(socket.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 413");
            assertThat(sent).isLessThan(50 * 1024 * 1024);
        }
    }

    @Test
    void malformedJson_is400() {
        assertProblem(fixture.post(DESK + "/echo", "[\"unterminated"), 400, "malformed JSON");
        assertProblem(fixture.post(DESK + "/echo", "not json at all"), 400, "malformed JSON");
        assertProblem(fixture.post(DESK + "/echo", "[\"a\"] trailing"), 400, "malformed JSON");
    }

    @Test
    void jsonNested100000Deep_is400() {
        String deep = "[" + "[".repeat(100_000) + "]".repeat(100_000) + "]";
        assertProblem(fixture.post(DESK + "/echo", deep), 400, "nesting depth");
    }

    @Test
    void unknownServiceOrMethod_is404() {
        assertProblem(fixture.post("/com.example.Nothing/echo", "[]"), 404, "no such service");
        assertProblem(fixture.post(DESK + "/shutdown", "[]"), 404, "no such method");
        assertProblem(fixture.post("/", "[]"), 404, "POST /{service}/{method}");
        assertProblem(fixture.get("/nothing"), 404, "no such page");
    }

    @Test
    void wrongArgumentCountOrTypes_is400NamingTheParameter() {
        assertProblem(fixture.post(DESK + "/add", "[1]"), 400, "1 arguments (expected: 2, [a, b])");
        assertProblem(fixture.post(DESK + "/add", "[1, \"two\"]"), 400, "parameter 'b' of add: expected an integer");
        assertProblem(
                fixture.post(DESK + "/place", "{\"order\":{\"sku\":5},\"customer\":\"c\"}"),
                400,
                "parameter 'order' of place: at 'sku': expected a string");
        assertProblem(fixture.post(DESK + "/add", "{\"a\":1,\"c\":2}"), 400, "unknown parameter 'c'");
        assertProblem(fixture.post(DESK + "/echo", "[\"x\"]", "Content-Type", "text/plain"), 415, "application/json");
    }

    @Test
    void polymorphicTypeFields_areRefused_andTheClassIsNeverLoaded() {
        String trap = "io.courier.gateway.fixtures.Trap";
        assertProblem(
                fixture.post(
                        DESK + "/place", "{\"order\":{\"@class\":\"" + trap + "\",\"sku\":\"s\"},\"customer\":\"c\"}"),
                400,
                "unknown property '@class'");
        assertProblem(
                fixture.post(DESK + "/place", "{\"order\":{\"@type\":\"" + trap + "\"},\"customer\":\"c\"}"),
                400,
                "@type");
        assertProblem(
                fixture.post(DESK + "/place", "{\"order\":[\"" + trap + "\",{}],\"customer\":\"c\"}"),
                400,
                "expected an object");
        // a parameter declared as Object takes data, never a class: the provider gets a map
        HttpResponse<String> described =
                fixture.post(DESK + "/describe", "[{\"@class\":\"" + trap + "\",\"@type\":\"" + trap + "\"}]");
        assertThat(described.body()).isEqualTo("\"java.util.LinkedHashMap\"");
        callsBefore++; // that call ran, as data
    }

    @Test
    void slowloris_isAnswered408AndClosed() throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write("POST /x HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(10_000);
            long started = System.nanoTime();
            // one header byte at a time, too slowly to finish within the request timeout
            await().atMost(Duration.ofSeconds(8))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        try {
                            out.write('X');
                            out.flush();
                            return socket.getInputStream().available() > 0;
                        } catch (IOException e) {
                            return true;
                        }
                    });
            String response = readResponse(socket.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 408");
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                    .isLessThan(8_000);
        }
    }

    @Test
    void thousandIdleConnections_doNotStopTheGateway() throws IOException {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 1_000; i++) {
                idle.add(connect());
            }
            assertThat(fixture.post(DESK + "/echo", "[\"busy\"]").body()).isEqualTo("\"busy\"");
            callsBefore++;
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    @Test
    void oversizedHeaders_are431() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream()
                    .write(("GET /docs HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 431");
        }
    }

    private static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains(detail).contains("\"status\":" + status);
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", fixture.gateway.port()), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** The status line, headers and body of one response (the body up to its Content-Length). */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                break;
            }
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        int at = text.toLowerCase().indexOf("content-length: ");
        if (at >= 0) {
            int length = Integer.parseInt(
                    text.substring(at + 16, text.indexOf("\r\n", at)).trim());
            text += new String(in.readNBytes(length), StandardCharsets.UTF_8);
        }
        return text;
    }

    private static boolean connectionClosed(Socket socket) {
        try {
            return socket.getInputStream().read() < 0;
        } catch (IOException e) {
            return true;
        }
    }
}
