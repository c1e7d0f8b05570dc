package io.courier.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.examples.guide.UserService;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The shop's services through the demo's gateway: its OpenAPI documents pass swagger-parser with no message. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ShopOpenApiTest {

    static final List<String> SERVICES =
            List.of(OrderService.class.getName(), UserService.class.getName(), InventoryService.class.getName());

    @Test
    void shopDocuments_validateWithZeroErrorsAndWarnings() throws Exception {
        try (TestingServer zooKeeper = new TestingServer(true);
                ShopSystem shop = ShopSystem.start("zookeeper://" + zooKeeper.getConnectString(), new ShopStats());
                DemoGateway gateway = DemoGateway.start("zookeeper://" + zooKeeper.getConnectString())) {
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(30)).until(() -> SERVICES.stream()
                    .allMatch(get(http, gateway.base() + "/openapi.json").body()::contains));

            OpenAPI whole = parse(get(http, gateway.base() + "/openapi.json"));
            assertThat(whole.getOpenapi()).isEqualTo("3.1.0");
            assertThat(whole.getPaths())
                    .containsKeys(
                            "/" + OrderService.class.getName() + "/placeOrder",
                            "/" + UserService.class.getName() + "/find");
            for (String service : SERVICES) {
                OpenAPI one = parse(get(http, gateway.base() + "/" + service + "/openapi.json"));
                assertThat(one.getInfo().getTitle()).isEqualTo(service);
                assertThat(one.getPaths()).isNotEmpty();
            }
        }
    }

    private static HttpResponse<String> get(HttpClient http, String uri) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(uri))
                        .timeout(Duration.ofSeconds(15))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static OpenAPI parse(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(response.body(), null, options);
        assertThat(result.getMessages()).as("parser messages").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        return result.getOpenAPI();
    }
}
