package io.courier.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.gateway.fixtures.OrderDesk;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The gateway's own token, rate limit and CORS, configured. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GatewayAccessTest {

    static final String ECHO = "/" + OrderDesk.class.getName() + "/echo";
    static final String BEARER = "Bearer s3cret";
    static GatewayFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new GatewayFixture(
                GatewayOptions.builder()
                        .token("s3cret")
                        .maxRequestsPerSecond(1)
                        .corsOrigins(List.of("https://shop.example")),
                null);
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void token_isRequired_andRateLimitAndCorsApply() throws Exception {
        HttpResponse<String> anonymous = fixture.post(ECHO, "[\"x\"]");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"courier-gateway\"");
        assertThat(fixture.post(ECHO, "[\"x\"]", "Authorization", "Bearer wrong")
                        .statusCode())
                .isEqualTo(401);

        HttpResponse<String> allowed =
                fixture.post(ECHO, "[\"x\"]", "Authorization", BEARER, "Origin", "https://shop.example");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example");
        HttpResponse<String> foreign =
                fixture.post(ECHO, "[\"x\"]", "Authorization", BEARER, "Origin", "https://evil.example");
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        int limited = 0;
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> answer = fixture.post(ECHO, "[\"x\"]", "Authorization", BEARER);
            if (answer.statusCode() == 429) {
                limited++;
                assertThat(answer.headers().firstValue("Retry-After")).hasValue("1");
            }
        }
        assertThat(limited).as("refused by the gateway's rate limit").isPositive();
        // another client (another loopback source address) is still served meanwhile
        assertThat(statusFrom("127.0.0.2")).isEqualTo(200);
    }

    /** The status of one call sent from {@code source} to the gateway on 127.0.0.1. */
    private static int statusFrom(String source) throws Exception {
        try (Socket socket = new Socket(
                InetAddress.getByName("127.0.0.1"), fixture.gateway.port(), InetAddress.getByName(source), 0)) {
            socket.setSoTimeout(20_000);
            byte[] body = "[\"x\"]".getBytes(StandardCharsets.UTF_8);
            String head = "POST " + ECHO + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + BEARER
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            String statusLine = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    @Test
    void preflight_namesTheAllowedHeaders() {
        HttpResponse<String> preflight = fixture.send(HttpRequest.newBuilder(fixture.uri(ECHO))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://shop.example")
                .header("Access-Control-Request-Method", "POST")
                .build());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValueSatisfying(value -> assertThat(value).contains("traceparent", "Content-Type"));
    }
}
