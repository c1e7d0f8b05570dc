package io.courier.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courier.api.config.ConfigPrefix;
import io.courier.api.config.ConfigValue;
import io.courier.bootstrap.Courier;
import io.courier.console.fixtures.Stock;
import io.courier.testkit.RawHttp;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The console's HTTP API over real sockets: who may do what, and every kind of bad request. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConsoleApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = Stock.class.getName();

    static ConsoleFixture fixture;
    static HttpClient client;
    static String csrf;

    @BeforeAll
    static void start() throws Exception {
        fixture = ConsoleFixture.start();
        client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> login =
                post("/api/login", "{\"operator\":\"alice\",\"token\":\"" + ConsoleFixture.TOKEN + "\"}", null);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Set-Cookie").orElseThrow())
                .contains("HttpOnly")
                .contains("SameSite=Strict");
        csrf = JSON.readTree(login.body()).path("csrf").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void withoutASession_readsAndChangesAreRefused() throws Exception {
        HttpClient stranger = HttpClient.newHttpClient();
        HttpResponse<String> read = stranger.send(
                HttpRequest.newBuilder(uri("/api/services")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).isEqualTo(401);
        assertThat(read.headers().firstValue("Content-Type")).contains("application/problem+json");
        HttpResponse<String> wrongToken = stranger.send(
                HttpRequest.newBuilder(uri("/api/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"operator\":\"mallory\",\"token\":\"guess-guess-guess\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrongToken.statusCode()).isEqualTo(401);
        assertThat(wrongToken.headers().firstValue("Set-Cookie")).isEmpty();
    }

    /**
     * A refusal given before the body is read still reads a body of 64 KiB, so the connection carries
     * the next request: the JDK's server would otherwise close it after a keep-alive answer, and a
     * pooling client's next request on it would fail.
     */
    @Test
    void aRefusedBodyOf64KiB_leavesTheConnectionUsable() throws Exception {
        try (RawHttp connection = new RawHttp(URI.create(fixture.console.url()).getPort())) {
            RawHttp.Answer refused = connection.exchange(
                    "POST /api/providers/offline", "Content-Type: application/json\r\n", new byte[64 * 1024]);
            RawHttp.Answer next = connection.exchange("GET /api/services", "", new byte[0]);

            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.closesConnection()).isFalse();
            assertThat(next.status()).isEqualTo(401);
        }
    }

    @Test
    void aChange_withoutOrWithAWrongCsrfToken_isRefusedAndAudited() throws Exception {
        String body = "{\"key\":\"" + KEY + "\",\"address\":\"127.0.0.1:1\"}";

        assertThat(post("/api/providers/offline", body, null).statusCode()).isEqualTo(403);
        assertThat(post("/api/providers/offline", body, "not-" + csrf).statusCode())
                .isEqualTo(403);
        assertThat(get("/api/audit").body()).contains("refused: bad CSRF token");
    }

    @Test
    void aChange_fromAnotherOrigin_orNotJson_isRefused() throws Exception {
        HttpResponse<String> foreign = client.send(
                HttpRequest.newBuilder(uri("/api/logout"))
                        .header("Content-Type", "application/json")
                        .header("X-CSRF-Token", csrf)
                        .header("Origin", "http://evil.example")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(403);
        HttpResponse<String> form = client.send(
                HttpRequest.newBuilder(uri("/api/logout"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-CSRF-Token", csrf)
                        .POST(HttpRequest.BodyPublishers.ofString("a=b"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(415);
    }

    @Test
    void badBodies_areRefusedBeforeAnyWork() throws Exception {
        assertThat(post("/api/config", "{not json", csrf).statusCode()).isEqualTo(400);
        assertThat(post("/api/config", "[1]", csrf).statusCode()).isEqualTo(400);
        assertThat(post("/api/config", "{\"a\":".repeat(100) + "1" + "}".repeat(100), csrf)
                        .statusCode())
                .isEqualTo(400);
        String big = "{\"key\":\"" + KEY + "\",\"document\":\"" + "x".repeat(Exchanges.MAX_BODY_BYTES) + "\"}";
        try {
            assertThat(post("/api/config", big, csrf).statusCode()).isEqualTo(413);
        } catch (java.io.IOException closedWhileSending) {
            // the server answered 413 and closed before the client finished sending: refused too
        }
        assertThat(post("/api/providers/weight", "{\"key\":\"" + KEY + "\",\"address\":\"nohost\",\"weight\":1}", csrf)
                        .statusCode())
                .isEqualTo(400);
        assertThat(post("/api/providers/weight", "{\"key\":\"" + KEY + "\",\"address\":\"h:1\",\"weight\":1.5}", csrf)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void invalidDocuments_areRefusedWithTheirDefect_andNothingIsWritten() throws Exception {
        Map<String, String> defects = new LinkedHashMap<>();
        defects.put("version: 1\nweights: {\"h:1\": [\n", "line 3"); // bad YAML
        defects.put("version: 1\nsurprise: 1\n", "config.surprise"); // unknown key
        defects.put("version: 1\nweights: {\"127.0.0.1:1\": 20000}\n", "expected: 0 to 10000"); // out of range
        defects.put("#".repeat(ApiHandler.MAX_DOCUMENT), "characters"); // one character over the limit
        for (Map.Entry<String, String> defect : defects.entrySet()) {
            String body = JSON.createObjectNode()
                    .put("key", KEY)
                    .put("document", defect.getKey())
                    .put("version", 0)
                    .toString();
            JsonNode validated =
                    JSON.readTree(post("/api/config/validate", body, csrf).body());
            assertThat(validated.path("valid").asBoolean()).isFalse();
            assertThat(validated.path("error").asText()).contains(defect.getValue());
            HttpResponse<String> saved = post("/api/config", body, csrf);
            assertThat(saved.statusCode()).as(saved.body()).isEqualTo(422);
            assertThat(JSON.readTree(saved.body()).path("detail").asText()).contains(defect.getValue());
        }
        JsonNode service = JSON.readTree(get("/api/service?key=" + URLEncoder.encode(KEY, StandardCharsets.UTF_8))
                .body());
        assertThat(service.path("config").path("version").asLong()).isZero();
    }

    /** An application's own settings, as the console edits them: checked against what it declares. */
    @ConfigPrefix("pricing")
    record PricingSettings(
            @ConfigValue(defaultValue = "0", min = 0, max = 100, meaning = "discount, in %") int discountPercent,
            @ConfigValue(secret = true, meaning = "the tax service's token") String apiToken) {}

    @Test
    void anApplicationsDocument_isCheckedAgainstTheKeysItDeclares_andItsSecretsAreHidden() throws Exception {
        try (Courier pricing = Courier.builder()
                .application("pricing")
                .registry("zookeeper://" + fixture.zookeeper.getConnectString())
                .shutdownHook(false)
                .settings(PricingSettings.class)
                .start()) {
            String key = "application:pricing";
            for (String[] refused : new String[][] {
                {"pricing.discount-percnt: 5", "did you mean pricing.discount-percent?"},
                {"pricing.discount-percent: 150", "pricing.discount-percent: '150' (expected: an integer 0 to 100)"}
            }) {
                String body = JSON.createObjectNode()
                        .put("key", key)
                        .put("document", "version: 1\nsettings:\n  " + refused[0] + "\n")
                        .put("version", 0)
                        .toString();
                HttpResponse<String> saved = post("/api/config", body, csrf);
                assertThat(saved.statusCode()).as(saved.body()).isEqualTo(422);
                assertThat(JSON.readTree(saved.body()).path("detail").asText()).contains(refused[1]);
            }
            JsonNode untouched =
                    JSON.readTree(get("/api/application?name=pricing").body());
            assertThat(untouched.path("version").asLong()).isZero();
            assertThat(untouched.path("declared").asBoolean()).isTrue();

            String accepted = JSON.createObjectNode()
                    .put("key", key)
                    .put(
                            "document",
                            "version: 1\nsettings:\n  pricing.discount-percent: 15\n"
                                    + "  pricing.api-token: s3cr3t-value\n")
                    .put("version", 0)
                    .toString();
            assertThat(post("/api/config", accepted, csrf).statusCode()).isEqualTo(200);
            var settings = pricing.settings().bind(PricingSettings.class);
            await().atMost(Duration.ofSeconds(2)).until(() -> settings.get().discountPercent() == 15);
            String view = get("/api/application?name=pricing").body();
            assertThat(view).doesNotContain("s3cr3t-value");
            assertThat(JSON.readTree(view).path("document").asText()).contains("pricing.api-token: <hidden>");
            JsonNode keys = JSON.readTree(view).path("keys");
            assertThat(keys.findValuesAsText("name")).containsExactly("pricing.api-token", "pricing.discount-percent");
            assertThat(keys.get(1).path("expectation").asText()).isEqualTo("an integer 0 to 100");
            assertThat(keys.get(1).path("meaning").asText()).isEqualTo("discount, in %");
            assertThat(keys.get(1).path("value").asText()).isEqualTo("15");
            assertThat(keys.get(0).path("value").asText()).isEqualTo("<hidden>");
        }
    }

    @Test
    void aStaleEdit_isAConflict() throws Exception {
        String key = "stale/" + KEY;
        String first = JSON.createObjectNode()
                .put("key", key)
                .put("document", "version: 1\n")
                .put("version", 0)
                .toString();
        assertThat(post("/api/config", first, csrf).statusCode()).isEqualTo(200);
        assertThat(post("/api/config", first, csrf).statusCode()).isEqualTo(409);
        String unversioned = JSON.createObjectNode()
                .put("key", key)
                .put("document", "version: 1\n")
                .toString();
        assertThat(post("/api/config", unversioned, csrf).statusCode()).isEqualTo(400);
    }

    @Test
    void liveViews_needASession_pollEveryApplication_andRefuseAnAddressThatIsNotHostPort() throws Exception {
        HttpClient stranger = HttpClient.newHttpClient();
        for (String path : List.of("/api/topology", "/api/traffic?key=" + KEY, "/api/instance?admin=127.0.0.1:1")) {
            assertThat(stranger.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .as(path)
                    .isEqualTo(401);
        }
        for (String admin : List.of("evil.example%2Fsteal%3F:80", "user%40host:80", "127.0.0.1", "127.0.0.1:0", "")) {
            HttpResponse<String> refused = get("/api/instance?admin=" + admin);
            assertThat(refused.statusCode()).as(admin).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).path("detail").asText()).contains("expected: an admin endpoint");
        }
        assertThat(get("/api/instance?admin=127.0.0.1:1").statusCode()).isEqualTo(404);

        String orders = ConsoleFixture.admin(fixture.ordersApp);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode instance =
                    JSON.readTree(get("/api/instance?admin=" + orders).body());
            assertThat(instance.path("application").asText()).isEqualTo("order-service");
            assertThat(instance.path("server").path("openConnections").asInt()).isPositive();
            assertThat(instance.path("references")).hasSize(2);
            JsonNode traffic = JSON.readTree(get("/api/traffic?key=" + KEY).body());
            assertThat(traffic.path("instances")).hasSize(2);
            assertThat(traffic.path("total")).isNotEmpty();
            JsonNode topology = JSON.readTree(get("/api/topology").body());
            assertThat(topology.path("instances")).hasSize(5);
            assertThat(topology.path("edges")).hasSize(3);
        });
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return ConsoleHttp.get(client, uri(path));
    }

    private static HttpResponse<String> post(String path, String body, String csrfToken) throws Exception {
        return ConsoleHttp.post(client, uri(path), body, csrfToken);
    }

    private static URI uri(String path) {
        return URI.create(fixture.console.url().replaceAll("/$", "") + path);
    }
}
