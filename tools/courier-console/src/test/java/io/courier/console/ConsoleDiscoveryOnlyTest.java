package io.courier.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courier.api.ServiceKey;
import io.courier.bootstrap.Courier;
import io.courier.console.fixtures.ShopUsers;
import io.courier.console.fixtures.Users;
import io.courier.registry.mdns.LoopbackMulticast;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console on a registry that offers discovery only (mDNS on the loopback, as the registry's own tests
 * run it): it starts, lists the services it was told about with the providers discovery finds, and says in
 * the registry's words that the configuration centre, catalog and coordination are not available, on the
 * session, on each service and as the answer to every configuration change.
 */
@ExtendWith(LoopbackMulticast.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConsoleDiscoveryOnlyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGISTRY = "mdns://127.0.0.1";
    private static final String KEY = Users.class.getName();

    static Courier provider;
    static Console console;
    static HttpClient client;
    static String csrf;

    @BeforeAll
    static void start() throws Exception {
        provider = Courier.builder()
                .application("user-service")
                .registry(REGISTRY)
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .start();
        provider.export(new ShopUsers());
        console = Console.start(ConsoleOptions.builder()
                .registry(REGISTRY)
                .port(0)
                .token(ConsoleFixture.TOKEN)
                .services(List.of(ServiceKey.parse(KEY)))
                .build());
        client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> login =
                post("/api/login", "{\"operator\":\"alice\",\"token\":\"" + ConsoleFixture.TOKEN + "\"}");
        assertThat(login.statusCode()).isEqualTo(200);
        csrf = JSON.readTree(login.body()).path("csrf").asText();
    }

    @AfterAll
    static void stop() {
        if (console != null) {
            console.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    @Test
    void discoveryOnly_listsWhatDiscoveryFinds_andSaysWhatIsNotAvailable() throws Exception {
        JsonNode session = JSON.readTree(get("/api/session").body());
        assertThat(session.path("unavailable").asText())
                .contains("the mdns registry offers discovery only")
                .contains("no configuration store")
                .contains("registry catalog")
                .contains("coordination");

        String address = provider.endpoint().orElseThrow().toString();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode services = JSON.readTree(get("/api/services").body());
            assertThat(services).hasSize(1);
            assertThat(services.get(0).path("key").asText()).isEqualTo(KEY);
            assertThat(services.get(0).path("providers").asInt()).isEqualTo(1);
        });
        JsonNode service = JSON.readTree(get("/api/service?key=" + URLEncoder.encode(KEY, StandardCharsets.UTF_8))
                .body());
        assertThat(service.path("providers").get(0).path("address").asText()).isEqualTo(address);
        assertThat(service.path("providers").get(0).path("application").asText())
                .isEqualTo("user-service");
        assertThat(service.path("providers").get(0).path("state").asText()).isEqualTo("online");
        assertThat(service.path("config").path("unavailable").asText()).contains("offers discovery only");

        HttpResponse<String> edit =
                post("/api/config", "{\"key\":\"" + KEY + "\",\"document\":\"version: 1\\n\",\"version\":0}");
        assertThat(edit.statusCode()).isEqualTo(501);
        assertThat(edit.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(JSON.readTree(edit.body()).path("detail").asText())
                .contains("the mdns registry offers discovery only");
        HttpResponse<String> offline =
                post("/api/providers/offline", "{\"key\":\"" + KEY + "\",\"address\":\"" + address + "\"}");
        assertThat(offline.statusCode()).isEqualTo(501);
        HttpResponse<String> history = get("/api/config/history?key=" + URLEncoder.encode(KEY, StandardCharsets.UTF_8));
        assertThat(history.statusCode()).isEqualTo(501);
        assertThat(JSON.readTree(get("/api/audit").body()).toString())
                .contains("refused: address: 'mdns://127.0.0.1': the mdns registry offers discovery only");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return ConsoleHttp.get(client, uri(path));
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return ConsoleHttp.post(client, uri(path), body, csrf);
    }

    private static URI uri(String path) {
        return URI.create(console.url().replaceAll("/$", "") + path);
    }
}
