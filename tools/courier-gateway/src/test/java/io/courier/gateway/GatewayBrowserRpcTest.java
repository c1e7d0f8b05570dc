package io.courier.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.gateway.fixtures.Feed;
import io.courier.gateway.fixtures.OrderDesk;
import io.courier.grpc.GrpcSchemas;
import io.courier.testkit.BrowserRpcPage;
import io.courier.testkit.DevTools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A typed browser client against the gateway ({@link BrowserRpcPage}): JavaScript generated from the
 * {@code .proto} the provider emits for {@link OrderDesk} and {@link Feed}, run by headless Chromium
 * from another origin (CORS as configured): a unary POST, a GET of an {@code @Idempotent} method and a
 * server stream with the Connect transport in JSON (its default), a unary call with the gRPC-Web
 * transport. Skipped without Chromium, node or npm, except under CI (CI=true), where their absence
 * fails the test.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class GatewayBrowserRpcTest {

    static BrowserRpcPage page;
    static GatewayFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        page = BrowserRpcPage.startOrSkip(Path.of("target", "browser-rpc"));
        fixture = new GatewayFixture(GatewayOptions.builder().corsOrigins(List.of(page.origin())), null);
        BrowserRpcPage.Proto desk = new BrowserRpcPage.Proto(
                GrpcSchemas.protoFileName(OrderDesk.class), GrpcSchemas.protoFile(OrderDesk.class));
        BrowserRpcPage.Proto feed =
                new BrowserRpcPage.Proto(GrpcSchemas.protoFileName(Feed.class), GrpcSchemas.protoFile(Feed.class));
        page.build(
                List.of(desk, feed),
                List.of(
                        "import { OrderDesk } from '" + desk.module() + "';",
                        "import { Feed } from '" + feed.module() + "';"),
                String.join(
                        "\n",
                        "const connect = createConnectTransport({ baseUrl, useHttpGet: true, fetch: recordingFetch });",
                        "const grpcWeb = createGrpcWebTransport({ baseUrl });",
                        "const desk = createClient(OrderDesk, connect);",
                        "results.unary = (await desk.echo({ text: 'typed' })).value;",
                        "results.get = String((await desk.add({ a: 40n, b: 2n })).value);",
                        "const numbers = [];",
                        "for await (const m of createClient(Feed, connect).count({ from: 1n, to: 3n })) {",
                        "  numbers.push(String(m.value));",
                        "}",
                        "results.stream = numbers.join(',');",
                        "results.grpcWeb = String((await createClient(OrderDesk, grpcWeb).add({ a: 1n, b: 2n })).value);"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (page != null) {
            page.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void connectWeb_andGrpcWeb_callTheGatewayFromAnotherOrigin() throws Exception {
        try (DevTools browser = DevTools.launch(DevTools.chromium())) {
            Map<?, ?> read = page.run(browser, fixture.uri("").toString(), Duration.ofSeconds(60));
            assertThat(read.get("error")).as(read.toString()).isNull();
            assertThat(read.get("unary")).isEqualTo("typed");
            assertThat(read.get("get")).isEqualTo("42");
            assertThat(read.get("stream")).isEqualTo("1,2,3");
            assertThat(read.get("grpcWeb")).isEqualTo("3");
            assertThat(read.get("methods")).isEqualTo(List.of("POST", "GET", "POST"));
        }
    }
}
