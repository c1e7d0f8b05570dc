package io.courier.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.bootstrap.Courier;
import io.courier.rest.Http;
import io.courier.rest.fixture.Users;
import io.netty.channel.EventLoopGroup;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * REST through the gateway: a provider serving rpc-rest's {@code UserResource} on its own port, a gateway
 * that finds it in the registry, and the same curl commands sent to both, which must answer the same
 * (status, {@code Content-Type}, {@code Allow}, body): calls of every verb, a business exception, and the
 * refusals (no route, a wrong verb, a value that does not convert, the media types), none of which runs
 * the method.
 */
@Timeout(90)
class GatewayRestTest {

    private static Users users;
    private static Courier provider;
    private static Courier edge;
    private static Gateway gateway;
    private static final EventLoopGroup loops = Gateway.newEventLoops();
    private static String port;
    private static String gate;

    @BeforeAll
    static void start() throws Exception {
        // the in-process registry: what is tested is the gateway's reading of the entries, not a registry
        String registry = "embedded";
        users = new Users("one");
        provider = Courier.builder()
                .application("users")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .registry(registry)
                .export(users)
                .start();
        edge = Courier.builder()
                .application("edge")
                .shutdownHook(false)
                .registry(registry)
                .clientEventLoops(loops)
                .start();
        gateway = Gateway.start(
                edge,
                GatewayOptions.builder()
                        .host("127.0.0.1")
                        .port(0)
                        .eventLoops(loops)
                        .build());
        port = "http://127.0.0.1:" + provider.port();
        gate = "http://127.0.0.1:" + gateway.port();
        // the gateway learns the routes when it reads the registry (at most every 2 s)
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Http.curl(gate + "/users/1").status() == 200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (edge != null) {
            edge.close();
        }
        if (provider != null) {
            provider.close();
        }
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** One curl command: its path and its other arguments, and whether the method runs. */
    private record Row(String path, boolean runs, String... curl) {}

    private static final String JSON = "Content-Type: application/json";

    @Test
    void theSameCurl_answersTheSame_onTheProvidersPortAndThroughTheGateway() throws Exception {
        List<Row> rows = List.of(
                new Row("/users/1", true),
                new Row("/users?page=0&size=5&role=ADMIN&role=MEMBER", true),
                new Row(
                        "/users",
                        true,
                        "-X",
                        "POST",
                        "-H",
                        JSON,
                        "-d",
                        "{\"id\":7,\"name\":\"cy\",\"role\":\"MEMBER\",\"joined\":\"2026-03-04\"}"),
                new Row(
                        "/users/7",
                        true,
                        "-X",
                        "PUT",
                        "-H",
                        JSON,
                        "-d",
                        "{\"id\":0,\"name\":\"cyd\",\"role\":\"ADMIN\",\"joined\":\"2026-03-04\"}"),
                new Row("/users/7?reason=gone%20away", true, "-X", "DELETE"),
                new Row("/users/keys/6f1c2a5e-0b7d-4c1e-9a53-2f8d3b4c5d6e", true, "-H", "X-Since: 2026-01-02"),
                new Row("/users/999", true),
                // the gateway's own route of a known service: the default route on the provider's port
                new Row(
                        "/io.courier.rest.fixture.UserResource/describe",
                        true,
                        "-X",
                        "POST",
                        "-H",
                        JSON,
                        "-d",
                        "[\"hi\"]"),
                // refused before anything runs
                new Row("/users/abc", false),
                new Row("/users?role=NOBODY", false),
                new Row("/users/keys/6f1c2a5e-0b7d-4c1e-9a53-2f8d3b4c5d6e", false, "-H", "X-Since: yesterday"),
                new Row("/users/1", false, "-X", "PATCH", "-H", JSON, "-d", "{}"),
                new Row("/nowhere/at/all", false, "-X", "DELETE"),
                new Row("/users", false, "-X", "POST", "-H", "Content-Type: text/plain", "-d", "x"),
                new Row("/users/1", false, "-H", "Accept: text/html"));
        List<String> differences = new ArrayList<>();
        for (Row row : rows) {
            int before = users.calls.get();
            Http.Answer direct = Http.curl(command(port, row));
            Http.Answer routed = Http.curl(command(gate, row));
            assertThat(users.calls.get() - before)
                    .as("calls run by " + row.path() + " " + List.of(row.curl()))
                    .isEqualTo(row.runs() ? 2 : 0);
            if (!same(direct, routed)) {
                differences.add(List.of(row.curl()) + " " + row.path() + "\n  port:    " + shown(direct)
                        + "\n  gateway: " + shown(routed));
            }
            if (!row.runs()) {
                assertThat(Http.isJsonProblem(routed)).as(shown(routed)).isTrue();
            }
        }
        assertThat(differences).as("answers that differ").isEmpty();
    }

    @Test
    void theGatewaysOpenApi_describesTheRestPathsBesideItsOwn_andParses() throws Exception {
        Http.Answer answer = Http.curl(gate + "/openapi.json");
        assertThat(answer.status()).isEqualTo(200);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(answer.body(), null, options);
        assertThat(result.getMessages()).as("parser messages").isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api.getPaths().get("/users/{id}").getGet().getOperationId())
                .isEqualTo("rest.io.courier.rest.fixture.UserResource.get");
        assertThat(api.getPaths().get("/users/{id}").getDelete()).isNotNull();
        assertThat(api.getPaths().get("/users").getPost()).isNotNull();
        assertThat(api.getPaths()
                        .get("/io.courier.rest.fixture.UserResource/describe")
                        .getPost())
                .as("the gateway's own route")
                .isNotNull();
    }

    private static String[] command(String base, Row row) {
        List<String> command = new ArrayList<>(List.of(row.curl()));
        command.add(base + row.path());
        return command.toArray(String[]::new);
    }

    private static boolean same(Http.Answer a, Http.Answer b) {
        return a.status() == b.status()
                && java.util.Objects.equals(a.header("content-type"), b.header("content-type"))
                && java.util.Objects.equals(a.header("allow"), b.header("allow"))
                && a.body().equals(b.body());
    }

    private static String shown(Http.Answer answer) {
        return answer.status() + " " + answer.header("content-type") + " allow=" + answer.header("allow") + " "
                + answer.body();
    }
}
