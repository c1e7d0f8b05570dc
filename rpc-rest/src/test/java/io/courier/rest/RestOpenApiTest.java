package io.courier.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.ServiceDescriptor;
import io.courier.bootstrap.Courier;
import io.courier.rest.fixture.UserResource;
import io.courier.rest.fixture.Users;
import io.courier.rest.internal.RestMapping;
import io.courier.rest.internal.Route;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code GET /openapi.json} on the provider's port, fetched with curl and read by swagger-parser (the
 * parser of Swagger's tools and of most client generators): no message at all, and its paths and
 * operations are exactly the routes the port matches requests by.
 */
@Timeout(60)
class RestOpenApiTest {

    @Test
    void theDocument_parsesWithNoMessage_andItsOperationsAreTheRoutes() throws Exception {
        String document;
        try (Courier provider = Courier.builder()
                .application("rest-openapi")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .export(new Users("one"))
                .start()) {
            Http.Answer answer = Http.curl("http://127.0.0.1:" + provider.port() + "/openapi.json");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.header("content-type")).isEqualTo("application/json");
            document = answer.body();
        }

        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
        assertThat(result.getMessages()).as("parser messages").isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api.getOpenapi()).isEqualTo("3.1.0");

        Set<String> documented = new TreeSet<>();
        api.getPaths()
                .forEach((path, item) ->
                        item.readOperationsMap().keySet().forEach(verb -> documented.add(verb.name() + " " + path)));
        Set<String> routes = RestMapping.of(ServiceDescriptor.of(UserResource.class)).stream()
                .map(Route::toString)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(documented).isEqualTo(routes);

        Operation get = api.getPaths().get("/users/{id}").getGet();
        assertThat(get.getParameters()).singleElement().satisfies(id -> {
            assertThat(id.getIn()).isEqualTo("path");
            assertThat(id.getName()).isEqualTo("id");
            assertThat(id.getRequired()).isTrue();
        });
        assertThat(get.getResponses()
                        .get("200")
                        .getContent()
                        .get("application/json")
                        .getSchema()
                        .get$ref())
                .isEqualTo("#/components/schemas/io.courier.rest.fixture.User");
        assertThat(get.getResponses().get("404").getContent()).containsKey("application/problem+json");

        Map<String, Parameter> listed = api.getPaths().get("/users").getGet().getParameters().stream()
                .collect(Collectors.toMap(Parameter::getName, p -> p));
        assertThat(listed).containsOnlyKeys("page", "size", "role");
        assertThat(listed.get("size").getSchema().getDefault()).isEqualTo(20);
        assertThat(listed.values()).allSatisfy(p -> assertThat(p.getIn()).isEqualTo("query"));

        PathItem byId = api.getPaths().get("/users/{id}");
        assertThat(byId.getPut().getRequestBody().getContent()).containsKey("application/json");
        assertThat(byId.getDelete().getResponses()).containsKey("204");
        assertThat(api.getPaths().get("/users/keys/{key}").getGet().getParameters().stream()
                        .map(p -> p.getIn() + " " + p.getName().toLowerCase(Locale.ROOT))
                        .toList())
                .containsExactly("path key", "header x-since");
        assertThat(api.getComponents().getSchemas()).containsKeys("io.courier.rest.fixture.User", "Problem");
        assertThat(List.of(api.getPaths().keySet().toArray())).doesNotContain("/openapi.json");
    }
}
