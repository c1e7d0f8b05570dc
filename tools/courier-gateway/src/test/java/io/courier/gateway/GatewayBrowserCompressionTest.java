package io.courier.gateway;

import static io.courier.gateway.GatewayGrpcWebTest.firstLong;
import static io.courier.gateway.GatewayGrpcWebTest.frame;
import static io.courier.gateway.GatewayGrpcWebTest.frames;
import static io.courier.gateway.GatewayGrpcWebTest.longs;
import static org.assertj.core.api.Assertions.assertThat;

import io.courier.gateway.fixtures.Feed;
import io.courier.gateway.fixtures.OrderDesk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * gzip-compressed requests of gRPC-Web ({@code grpc-encoding}, frame flag {@code 0x01}) and Connect
 * ({@code Content-Encoding} of a unary body, {@code compression=gzip} of a GET, {@code
 * Connect-Content-Encoding} of a stream's envelopes): inflated at the gateway within its body limit
 * and forwarded uncompressed; an encoding not served, bytes that are not gzip and a message that
 * inflates past the limit are refused before a call is made.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class GatewayBrowserCompressionTest {

    static final String DESK = "/" + OrderDesk.class.getName();
    static final String FEED = "/" + Feed.class.getName();
    static final int LIMIT = 64 * 1024;
    static final String PAGE = "https://shop.example";
    static GatewayFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture =
                new GatewayFixture(GatewayOptions.builder().maxBodyBytes(LIMIT).corsOrigins(List.of(PAGE)), null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void grpcWeb_gzipFrame_isInflatedForTheProvider() throws IOException {
        HttpResponse<byte[]> binary = post(
                DESK + "/Add", "application/grpc-web+proto", frame(1, gzip(longs(40, 2))), "grpc-encoding", "gzip");
        List<byte[]> frames = frames(binary.body());
        assertThat(firstLong(frames.get(0))).isEqualTo(42);
        assertThat(new String(frames.get(1), StandardCharsets.UTF_8)).contains("grpc-status:0");

        byte[] text = Base64.getEncoder().encode(frame(1, gzip(longs(5, 6))));
        HttpResponse<byte[]> base64 = post(DESK + "/Add", "application/grpc-web-text", text, "grpc-encoding", "gzip");
        List<byte[]> decoded =
                frames(GatewayGrpcWebTest.decodeChunks(new String(base64.body(), StandardCharsets.US_ASCII)));
        assertThat(firstLong(decoded.get(0))).isEqualTo(11);
    }

    @Test
    void connectUnary_gzipBody_inProtoAndJson() throws IOException {
        HttpResponse<byte[]> proto =
                post(DESK + "/Add", "application/proto", gzip(longs(20, 22)), "Content-Encoding", "gzip");
        assertThat(proto.statusCode()).isEqualTo(200);
        assertThat(proto.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(firstLong(proto.body())).isEqualTo(42);

        HttpResponse<byte[]> json = post(
                DESK + "/Add",
                "application/json",
                gzip("{\"a\":\"40\",\"b\":2}".getBytes(StandardCharsets.UTF_8)),
                "Content-Encoding",
                "gzip",
                "Connect-Protocol-Version",
                "1");
        assertThat(new String(json.body(), StandardCharsets.UTF_8)).isEqualTo("{\"value\":\"42\"}");
    }

    @Test
    void connectGet_compressionGzip_inflatesTheMessage() throws IOException {
        String message = Base64.getUrlEncoder().withoutPadding().encodeToString(gzip(longs(30, 12)));
        HttpResponse<byte[]> response =
                send(request(DESK + "/Add?connect=v1&encoding=proto&base64=1&compression=gzip&message=" + message)
                        .GET()
                        .build());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(firstLong(response.body())).isEqualTo(42);
    }

    @Test
    void connectStream_gzipEnvelope_inProtoAndJson() throws IOException {
        HttpResponse<byte[]> proto = post(
                FEED + "/Count",
                "application/connect+proto",
                frame(1, gzip(longs(7, 8))),
                "Connect-Content-Encoding",
                "gzip");
        List<byte[]> frames = frames(proto.body());
        assertThat(frames).hasSize(3);
        assertThat(firstLong(frames.get(0))).isEqualTo(7);
        assertThat(firstLong(frames.get(1))).isEqualTo(8);

        byte[] json = gzip("{\"from\":\"1\",\"to\":\"2\"}".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> converted =
                post(FEED + "/Count", "application/connect+json", frame(1, json), "Connect-Content-Encoding", "gzip");
        assertThat(frames(converted.body()).stream()
                        .map(frame -> new String(frame, StandardCharsets.UTF_8))
                        .toList())
                .containsExactly("{\"value\":\"1\"}", "{\"value\":\"2\"}", "{}");
    }

    @Test
    void unservedEncoding_notGzip_andInflatingPastTheLimit_areRefusedBeforeTheCall() throws IOException {
        int before = fixture.desk.calls.get();

        HttpResponse<byte[]> brotli =
                post(DESK + "/Add", "application/grpc-web+proto", frame(1, gzip(longs(1, 2))), "grpc-encoding", "br");
        assertThat(new String(frames(brotli.body()).get(0), StandardCharsets.UTF_8))
                .contains("grpc-status:12")
                .contains("br");
        assertThat(brotli.headers().firstValue("grpc-accept-encoding")).hasValue("gzip,identity");

        HttpResponse<byte[]> deflate =
                post(DESK + "/Add", "application/proto", longs(1, 2), "Content-Encoding", "deflate");
        assertThat(deflate.statusCode()).isEqualTo(501);
        assertThat(new String(deflate.body(), StandardCharsets.UTF_8)).contains("\"code\":\"unimplemented\"");
        assertThat(deflate.headers().firstValue("Accept-Encoding")).hasValue("gzip,identity");

        HttpResponse<byte[]> notGzip =
                post(DESK + "/Add", "application/proto", longs(1, 2), "Content-Encoding", "gzip");
        assertThat(notGzip.statusCode()).isEqualTo(400);
        assertThat(new String(notGzip.body(), StandardCharsets.UTF_8)).contains("not gzip");

        // about 1 KiB on the wire, 1 MiB inflated: past the 64 KiB body limit
        byte[] bomb = gzip(new byte[1024 * 1024]);
        assertThat(bomb.length).isLessThan(LIMIT);
        HttpResponse<byte[]> inflating = post(DESK + "/Add", "application/proto", bomb, "Content-Encoding", "gzip");
        assertThat(inflating.statusCode()).isEqualTo(429);
        assertThat(new String(inflating.body(), StandardCharsets.UTF_8))
                .contains("\"code\":\"resource_exhausted\"")
                .contains(Integer.toString(LIMIT));
        HttpResponse<byte[]> streamBomb =
                post(FEED + "/Count", "application/connect+proto", frame(1, bomb), "Connect-Content-Encoding", "gzip");
        assertThat(new String(frames(streamBomb.body()).get(0), StandardCharsets.UTF_8))
                .contains("resource_exhausted");

        assertThat(fixture.desk.calls.get()).isEqualTo(before);
    }

    @Test
    void corsPreflight_allowsTheEncodingHeaders() {
        HttpResponse<byte[]> preflight = send(request(DESK + "/Add")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", PAGE)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,grpc-encoding")
                .build());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValueSatisfying(allowed ->
                        assertThat(allowed).contains("Content-Encoding", "Connect-Content-Encoding", "Grpc-Encoding"));
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(fixture.uri(path)).timeout(Duration.ofSeconds(20));
    }

    static HttpResponse<byte[]> post(String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request =
                request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    static HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return fixture.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
