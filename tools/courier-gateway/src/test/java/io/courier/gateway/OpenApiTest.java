package io.courier.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.gateway.fixtures.OrderDesk;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The generated OpenAPI 3.1 documents pass a real OpenAPI parser with no message at all. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OpenApiTest {

    static final String DESK = OrderDesk.class.getName();
    static GatewayFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = GatewayFixture.start();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void wholeGatewayDocument_validatesWithZeroErrorsAndWarnings() {
        OpenAPI api = parse(fixture.get("/openapi.json"));
        assertThat(api.getOpenapi()).isEqualTo("3.1.0");
        assertThat(api.getPaths()).containsKeys("/" + DESK + "/place", "/" + DESK + "/add", "/" + DESK + "/now");
        assertThat(api.getPaths().get("/" + DESK + "/now").getPost().getDeprecated())
                .isTrue();
        assertThat(api.getComponents().getSchemas())
                .containsKeys("Problem", "io.courier.gateway.fixtures.OrderDesk.Order");
    }

    @Test
    void perServiceDocument_validatesToo() {
        OpenAPI api = parse(fixture.get("/" + DESK + "/openapi.json"));
        assertThat(api.getInfo().getTitle()).isEqualTo(DESK);
        // what the provider's registry entry lists: Courier's protocol, gRPC and REST (rpc-grpc and rpc-rest are on
        // the gateway's class path: the browser RPC needs one, the REST paths the other)
        assertThat(api.getTags().get(0).getExtensions())
                .containsEntry("x-courier-protocols", List.of("courier", "grpc", "rest"));
        assertThat(api.getPaths().get("/" + DESK + "/place").getPost().getExtensions())
                .containsEntry("x-courier-protocols", List.of("courier", "grpc", "rest"));
        Map<?, ?> parameters = api.getPaths()
                .get("/" + DESK + "/place")
                .getPost()
                .getRequestBody()
                .getContent()
                .get("application/json")
                .getSchema()
                .getProperties();
        List<Object> names = List.copyOf(parameters.keySet());
        assertThat(names).containsExactlyInAnyOrder("order", "customer");
        assertThat(fixture.get("/com.example.Nothing/openapi.json").statusCode())
                .isEqualTo(404);
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
