package io.courier.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import io.courier.gateway.fixtures.Feed;
import io.courier.gateway.fixtures.Gate;
import io.courier.gateway.fixtures.OrderDesk;
import io.courier.gateway.grpcweb.BrowserWire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * gRPC-Web (binary and text) and Connect (unary protobuf, server stream) through the gateway to the
 * provider's gRPC endpoint, with a stock HTTP client: messages of the interface-derived schema
 * ({@code AddRequest {int64 a = 1; int64 b = 2}}, {@code AddResponse {int64 value = 1}}), error
 * statuses, deadlines, an unknown method, Connect GET of an {@code @Idempotent} method, Connect JSON
 * and the CORS preflight of a page of another origin.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class GatewayGrpcWebTest {

    static final String DESK = "/" + OrderDesk.class.getName();
    static final String FEED = "/" + Feed.class.getName();
    static final String PAGE = "https://shop.example";
    static GatewayFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new GatewayFixture(GatewayOptions.builder().corsOrigins(List.of(PAGE)), null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void grpcWebBinary_unaryCall_answersTheMessageThenTheTrailersFrame() throws IOException {
        HttpResponse<byte[]> response = post(DESK + "/Add", "application/grpc-web+proto", frame(0, longs(2, 40)));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/grpc-web+proto");
        List<byte[]> frames = frames(response.body());
        assertThat(frames).hasSize(2);
        assertThat(firstLong(frames.get(0))).isEqualTo(42);
        assertThat(new String(frames.get(1), StandardCharsets.UTF_8)).contains("grpc-status:0");
    }

    @Test
    void grpcWebText_isBase64BothWays() throws IOException {
        byte[] body = Base64.getEncoder().encode(frame(0, longs(5, 6)));
        HttpResponse<byte[]> response = post(DESK + "/Add", "application/grpc-web-text", body);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/grpc-web-text+proto");
        List<byte[]> frames = frames(decodeChunks(new String(response.body(), StandardCharsets.US_ASCII)));
        assertThat(firstLong(frames.get(0))).isEqualTo(11);
        assertThat(new String(frames.get(1), StandardCharsets.UTF_8)).contains("grpc-status:0");
    }

    @Test
    void grpcWeb_serverStream_deliversEveryMessage() throws IOException {
        HttpResponse<byte[]> response = post(FEED + "/Count", "application/grpc-web+proto", frame(0, longs(1, 4)));
        List<byte[]> frames = frames(response.body());
        assertThat(frames).hasSize(5);
        List<Long> numbers = new ArrayList<>();
        for (byte[] message : frames.subList(0, 4)) {
            numbers.add(firstLong(message));
        }
        assertThat(numbers).containsExactly(1L, 2L, 3L, 4L);
        assertThat(new String(frames.get(4), StandardCharsets.UTF_8)).contains("grpc-status:0");
    }

    @Test
    void grpcWeb_unknownMethodAndService_areUnimplemented() {
        String method = trailers(post(DESK + "/NoSuchMethod", "application/grpc-web+proto", frame(0, new byte[0])));
        assertThat(method).contains("grpc-status:12");
        String service = trailers(post("/no.Such/Call", "application/grpc-web+proto", frame(0, new byte[0])));
        assertThat(service).contains("grpc-status:12").contains("no such service");
    }

    @Test
    void grpcWeb_deadline_isTheProvidersDeadlineExceeded() {
        HttpRequest request = request(Gate.class, "/Hold", "application/grpc-web+proto", frame(0, string("slow")))
                .header("grpc-timeout", "200m")
                .build();
        long started = System.nanoTime();
        String trailers = trailers(send(request));
        assertThat(trailers).contains("grpc-status:4");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void connectUnary_isTheBareMessage_andErrorsAreJson() throws IOException {
        HttpResponse<byte[]> ok = post(DESK + "/Add", "application/proto", longs(20, 22));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type")).hasValue("application/proto");
        assertThat(firstLong(ok.body())).isEqualTo(42);

        HttpResponse<byte[]> missing = post(DESK + "/NoSuchMethod", "application/proto", new byte[0]);
        assertThat(missing.statusCode()).isEqualTo(501);
        assertThat(new String(missing.body(), StandardCharsets.UTF_8)).contains("\"code\":\"unimplemented\"");
    }

    @Test
    void connectGet_callsAnIdempotentMethod_withTheMessageInTheQuery() throws IOException {
        String message = Base64.getUrlEncoder().withoutPadding().encodeToString(longs(30, 12));
        HttpResponse<byte[]> base64 = get(DESK + "/Add?connect=v1&encoding=proto&base64=1&message=" + message);
        assertThat(base64.statusCode()).isEqualTo(200);
        assertThat(base64.headers().firstValue("Content-Type")).hasValue("application/proto");
        assertThat(firstLong(base64.body())).isEqualTo(42);

        StringBuilder percent = new StringBuilder();
        for (byte b : longs(1, 2)) {
            percent.append('%').append(String.format("%02X", b & 0xff));
        }
        HttpResponse<byte[]> raw = get(DESK + "/Add?connect=v1&encoding=proto&message=" + percent);
        assertThat(firstLong(raw.body())).isEqualTo(3);
    }

    @Test
    void connectGet_ofAMethodNotIdempotent_orInJson_isRefusedBeforeTheCall() {
        int before = fixture.desk.calls.get();
        String message = Base64.getUrlEncoder().encodeToString(string("hi"));
        HttpResponse<byte[]> echo = get(DESK + "/Echo?encoding=proto&base64=1&message=" + message);
        assertThat(echo.statusCode()).isEqualTo(501);
        assertThat(new String(echo.body(), StandardCharsets.UTF_8)).contains("not @Idempotent");
        HttpResponse<byte[]> xml = get(DESK + "/Add?encoding=xml&message=%7B%7D");
        assertThat(xml.statusCode()).isEqualTo(400);
        HttpResponse<byte[]> notBase64 = get(DESK + "/Add?encoding=proto&base64=1&message=***");
        assertThat(notBase64.statusCode()).isEqualTo(400);
        HttpResponse<byte[]> foreign =
                send(HttpRequest.newBuilder(fixture.uri(DESK + "/Add?encoding=proto&base64=1&message=" + message))
                        .header("Origin", "https://evil.example")
                        .build());
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(fixture.desk.calls.get()).isEqualTo(before);
    }

    @Test
    void connectJson_isConvertedOnTheProvidersReflectedSchema() {
        HttpResponse<byte[]> ok =
                send(request(OrderDesk.class, "/Add", "application/json", "{\"a\":\"40\",\"b\":2}".getBytes())
                        .header("Connect-Protocol-Version", "1")
                        .build());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(new String(ok.body(), StandardCharsets.UTF_8)).isEqualTo("{\"value\":\"42\"}");

        HttpResponse<byte[]> get = get(DESK + "/Add?connect=v1&encoding=json&message=%7B%22a%22%3A1%2C%22b%22%3A2%7D");
        assertThat(new String(get.body(), StandardCharsets.UTF_8)).isEqualTo("{\"value\":\"3\"}");

        int before = fixture.desk.calls.get();
        HttpResponse<byte[]> unknownField =
                send(request(OrderDesk.class, "/Add", "application/json", "{\"c\":1}".getBytes())
                        .header("Connect-Protocol-Version", "1")
                        .build());
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(new String(unknownField.body(), StandardCharsets.UTF_8)).contains("\"code\":\"invalid_argument\"");
        HttpResponse<byte[]> missing = send(request(OrderDesk.class, "/Nope", "application/json", "{}".getBytes())
                .header("Connect-Protocol-Version", "1")
                .build());
        assertThat(missing.statusCode()).isEqualTo(501);
        assertThat(fixture.desk.calls.get()).isEqualTo(before);
    }

    @Test
    void connectUnary_timeoutMs_isTheDeadline() {
        HttpRequest request = request(Gate.class, "/Hold", "application/proto", string("slow"))
                .header("connect-timeout-ms", "200")
                .build();
        HttpResponse<byte[]> response = send(request);
        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"code\":\"deadline_exceeded\"");
    }

    @Test
    void connectServerStream_endsWithTheEndStreamFrame() throws IOException {
        HttpResponse<byte[]> response = post(FEED + "/Count", "application/connect+proto", frame(0, longs(7, 8)));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/connect+proto");
        byte[] body = response.body();
        List<byte[]> frames = frames(body);
        assertThat(frames).hasSize(3);
        assertThat(firstLong(frames.get(0))).isEqualTo(7);
        assertThat(firstLong(frames.get(1))).isEqualTo(8);
        int last = body.length - frames.get(2).length - 5;
        assertThat(body[last]).isEqualTo((byte) 0x02);
        assertThat(new String(frames.get(2), StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void connectServerStream_inJson_convertsEveryMessage() {
        byte[] request = frame(0, "{\"from\":\"1\",\"to\":\"3\"}".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> response = post(FEED + "/Count", "application/connect+json", request);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/connect+json");
        List<String> frames = frames(response.body()).stream()
                .map(frame -> new String(frame, StandardCharsets.UTF_8))
                .toList();
        assertThat(frames).containsExactly("{\"value\":\"1\"}", "{\"value\":\"2\"}", "{\"value\":\"3\"}", "{}");

        HttpResponse<byte[]> bare = post(FEED + "/Count", "application/connect+json", "{}".getBytes());
        assertThat(new String(frames(bare.body()).get(0), StandardCharsets.UTF_8))
                .contains("invalid_argument");
    }

    @Test
    void corsPreflight_allowsTheBrowserClientsHeaders_andAnswersExposeTheStatus() {
        HttpResponse<byte[]> preflight = send(HttpRequest.newBuilder(fixture.uri(DESK + "/Add"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", PAGE)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-grpc-web,connect-protocol-version")
                .build());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue(PAGE);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValueSatisfying(allowed ->
                        assertThat(allowed).contains("X-Grpc-Web", "Connect-Protocol-Version", "Grpc-Timeout"));

        HttpResponse<byte[]> call =
                send(request(OrderDesk.class, "/Add", "application/grpc-web+proto", frame(0, longs(1, 1)))
                        .header("Origin", PAGE)
                        .build());
        assertThat(call.headers().firstValue("Access-Control-Allow-Origin")).hasValue(PAGE);
        assertThat(call.headers().firstValue("Access-Control-Expose-Headers"))
                .hasValueSatisfying(exposed -> assertThat(exposed).contains("Grpc-Status"));
    }

    @Test
    void grpcWebText_thatIsNotBase64_isInvalidArgument() {
        int before = fixture.desk.calls.get();
        HttpResponse<byte[]> response = post(DESK + "/Add", "application/grpc-web-text", "not base64!".getBytes());
        List<byte[]> frames = frames(decodeChunks(new String(response.body(), StandardCharsets.US_ASCII)));
        assertThat(frames).hasSize(1);
        assertThat(new String(frames.get(0), StandardCharsets.UTF_8)).contains("grpc-status:3");
        assertThat(fixture.desk.calls.get()).isEqualTo(before);
    }

    // --- helpers

    static HttpResponse<byte[]> post(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(fixture.uri(path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    }

    static HttpResponse<byte[]> get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(fixture.uri(pathAndQuery))
                .timeout(Duration.ofSeconds(20))
                .GET()
                .build());
    }

    static HttpRequest.Builder request(Class<?> service, String method, String contentType, byte[] body) {
        return HttpRequest.newBuilder(fixture.uri("/" + service.getName() + method))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    static HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return fixture.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The text of the last frame of a gRPC-Web answer (its trailers). */
    static String trailers(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        List<byte[]> frames = frames(response.body());
        return new String(frames.get(frames.size() - 1), StandardCharsets.UTF_8);
    }

    static byte[] frame(int flags, byte[] message) {
        return BrowserWire.frame(flags, message);
    }

    static List<byte[]> frames(byte[] body) {
        ByteBuffer buffer = ByteBuffer.wrap(body);
        List<byte[]> frames = new ArrayList<>();
        while (buffer.remaining() >= 5) {
            buffer.get();
            byte[] message = new byte[buffer.getInt()];
            buffer.get(message);
            frames.add(message);
        }
        assertThat(buffer.remaining()).isZero();
        return frames;
    }

    static byte[] decodeChunks(String text) {
        return BrowserWire.decodeBase64(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** Fields 1 and 2 as int64. */
    static byte[] longs(long first, long second) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeInt64(1, first);
            out.writeInt64(2, second);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Field 1 as a string. */
    static byte[] string(String value) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.writeString(1, value);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Field 1 of a message as int64 (0 when absent). */
    static long firstLong(byte[] message) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(message);
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == 8) {
                return in.readInt64();
            }
            in.skipField(tag);
        }
        return 0;
    }
}
