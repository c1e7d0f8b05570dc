package io.courier.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.gateway.fixtures.OrderDesk;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    void token_isRequired_andRateLimitAndCorsApply() {
        HttpResponse<String> anonymous = fixture.post(ECHO, "[\"x\"]");
        assertThat(anonymous.statusCode()).isEqualTo(401);
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
            if (fixture.post(ECHO, "[\"x\"]", "Authorization", BEARER).statusCode() == 429) {
                limited++;
            }
        }
        assertThat(limited).as("refused by the gateway's rate limit").isPositive();
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
