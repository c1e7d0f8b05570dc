package io.courier.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.bootstrap.Courier;
import io.courier.rest.fixture.Users;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hostile table on the provider's port: each request is refused with its status as problem JSON,
 * and nothing runs (the service counts its calls). Netty's leak detector watches at PARANOID.
 */
@Timeout(60)
class RestHostileTest {

    private static final int MAX_BODY = 16 * 1024;

    private static Users users;
    private static Courier provider;

    @BeforeAll
    static void start() {
        users = new Users("hostile");
        provider = Courier.builder()
                .application("rest-hostile")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .property("courier.rest.max-body-bytes", Integer.toString(MAX_BODY))
                .property("courier.rest.request-deadline-millis", "500")
                .export(users)
                .start();
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    record Row(String what, String request, int status, String detail) {}

    private static String get(String target, String headers) {
        return "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + headers + "\r\n";
    }

    private static String post(String target, String contentType, String body) {
        return "POST " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    @Test
    void everyRowIsRefused_andNothingRuns() throws Exception {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        List<Row> table = List.of(
                new Row("no route", get("/nothing/here", ""), 404, "no route GET /nothing/here"),
                new Row(
                        "wrong verb",
                        "PATCH /users/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                        405,
                        "PATCH /users/1 (expected: DELETE, GET, PUT)"),
                new Row("path parameter", get("/users/abc", ""), 400, "path parameter 'id': 'abc' (expected: a long)"),
                new Row("query parameter", get("/users?page=x&size=1", ""), 400, "query parameter 'page': 'x'"),
                new Row(
                        "enum",
                        get("/users?page=0&size=1&role=ROOT", ""),
                        400,
                        "query parameter 'role': 'ROOT' (expected: one of [ADMIN, MEMBER])"),
                new Row("UUID", get("/users/keys/not-a-uuid", ""), 400, "path parameter 'key'"),
                new Row(
                        "date header",
                        get("/users/keys/3f1e1c5a-8d0b-4c59-a7a4-1d8f1e2b3c4d", "X-Since: yesterday\r\n"),
                        400,
                        "header 'X-Since': 'yesterday' (expected: an ISO-8601 LocalDate)"),
                new Row("media type", post("/users", "text/plain", "{}"), 415, "reads application/json"),
                new Row("accept", get("/users/1", "Accept: text/html\r\n"), 406, "answers application/json"),
                new Row(
                        "body over the limit",
                        post("/users", "application/json", "x".repeat(MAX_BODY + 1)),
                        413,
                        "larger than 16384 bytes"),
                new Row("JSON bomb", post("/users", "application/json", deep), 400, "the body"),
                new Row(
                        "type id",
                        post("/users", "application/json", "{\"@class\":\"java.net.URL\",\"id\":1}"),
                        400,
                        "unknown property"),
                new Row("not JSON", post("/users", "application/json", "{\"id\":"), 400, "the body is not JSON"),
                new Row(
                        "deadline header",
                        get("/users/1", "X-Courier-Timeout-Millis: soon\r\n"),
                        400,
                        "X-Courier-Timeout-Millis"),
                new Row(
                        "header flood",
                        get("/users/1", "X-Flood: 0123456789\r\n".repeat(1_000)),
                        431,
                        "headers are too large"),
                new Row("long request line", get("/users/" + "1".repeat(8_000), ""), 414, "request line is too long"),
                new Row("broken percent-encoding", get("/users/%zz", ""), 400, "percent-encoding"),
                new Row(
                        "default route arity",
                        post("/io.courier.rest.fixture.UserResource/describe", "application/json", "[1, 2]"),
                        400,
                        "a JSON array of 1 argument"));
        for (Row row : table) {
            Http.Answer answer = Http.raw(provider.port(), row.request());
            assertThat(answer.status()).as(row.what() + ": " + answer).isEqualTo(row.status());
            assertThat(Http.isJsonProblem(answer))
                    .as(row.what() + ": " + answer)
                    .isTrue();
            assertThat(answer.body()).as(row.what()).contains(row.detail());
        }
        assertThat(users.calls).hasValue(0);
        // and the port serves on
        assertThat(Http.raw(provider.port(), get("/users/1", "")).status()).isEqualTo(200);
        assertThat(users.calls).hasValue(1);
    }

    @Test
    void aTruncatedRequest_andASlowloris_areCutOffAtTheRequestDeadline() throws Exception {
        byte[] whole = "GET /users/1 HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        try (Socket truncated = new Socket("127.0.0.1", provider.port());
                Socket trickler = new Socket("127.0.0.1", provider.port())) {
            truncated.setSoTimeout(10_000);
            truncated.getOutputStream().write(whole, 0, whole.length - 4);
            long start = System.nanoTime();
            OutputStream out = trickler.getOutputStream();
            for (int i = 0; i < 8; i++) {
                try {
                    out.write(whole[i]);
                    out.flush();
                } catch (SocketException cutOff) {
                    break; // the server has closed it already, as it should
                }
                Thread.sleep(150); // the trickle itself: one byte at a time, slower than the deadline allows
            }
            assertClosedByServer(truncated);
            trickler.setSoTimeout(10_000);
            assertClosedByServer(trickler);
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
        }
        assertThat(users.calls.get()).isLessThanOrEqualTo(1);
    }

    /**
     * The server closed {@code socket}: an end of stream, or a reset, which is what a close sends while some
     * of the client's bytes are still unread on the server (a slowloris's next byte, arrived as the deadline
     * fired).
     */
    private static void assertClosedByServer(Socket socket) throws IOException {
        try {
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        } catch (SocketException reset) {
            assertThat(reset.getMessage()).containsIgnoringCase("reset");
        }
    }

    @Test
    void garbageAfterAVerb_isRefused_andTheConnectionClosed() throws Exception {
        byte[] garbage = "GET \u0000\u0001\u0002 nonsense\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        Http.Answer answer = Http.raw(provider.port(), garbage);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(users.calls.get()).isLessThanOrEqualTo(1);
    }
}
