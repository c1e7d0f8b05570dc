package io.courier.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.courier.gateway.fixtures.Feed;
import io.courier.gateway.fixtures.OrderDesk;
import io.courier.grpc.GrpcSchemas;
import io.courier.testkit.DevTools;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A typed browser client against the gateway: at test time npm installs {@code @connectrpc/connect-web}
 * and its generator, {@code buf} generates JavaScript from the {@code .proto} the provider emits for
 * {@link OrderDesk} and {@link Feed}, esbuild bundles a page, and headless Chromium runs it from another
 * origin (CORS as configured): a unary POST, a GET of an {@code @Idempotent} method and a server stream
 * with the Connect transport in JSON (its default), a unary call with the gRPC-Web transport. Skipped without Chromium, node
 * or npm, except under CI (CI=true), where their absence fails the test. npm's cache (~/.npm) makes a
 * repeated run fast.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class GatewayBrowserRpcTest {

    static final List<String> PACKAGES = List.of(
            "@connectrpc/connect@2.2.0",
            "@connectrpc/connect-web@2.2.0",
            "@bufbuild/protobuf@2.17.0",
            "@bufbuild/protoc-gen-es@2.13.0",
            "@bufbuild/buf@1.75.0",
            "esbuild@0.28.2");

    static HttpServer page;
    static GatewayFixture fixture;
    static Path work;

    @BeforeAll
    static void start() throws Exception {
        DevTools.chromiumOrSkip();
        nodeOrSkip();
        work = Files.createDirectories(Path.of("target", "browser-rpc")).toAbsolutePath();
        page = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        page.start();
        String origin = "http://127.0.0.1:" + page.getAddress().getPort();
        fixture = new GatewayFixture(GatewayOptions.builder().corsOrigins(List.of(origin)), null);
        build(fixture.uri("").toString());
        serve("/", "text/html", "<!doctype html><title>browser rpc</title><script src=\"/app.js\"></script>");
        serve("/app.js", "text/javascript", Files.readString(work.resolve("app.js")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (page != null) {
            page.stop(0);
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void connectWeb_andGrpcWeb_callTheGatewayFromAnotherOrigin() throws Exception {
        try (DevTools browser = DevTools.launch(DevTools.chromium())) {
            browser.navigate("http://127.0.0.1:" + page.getAddress().getPort() + "/");
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> browser.evaluate("String(window.results && window.results.done === true)")
                            .equals("true"));
            String results = browser.evaluate("JSON.stringify(window.results)");
            Map<?, ?> read = new com.fasterxml.jackson.databind.ObjectMapper().readValue(results, Map.class);
            assertThat(read.get("error")).as(results).isNull();
            assertThat(read.get("unary")).isEqualTo("typed");
            assertThat(read.get("get")).isEqualTo("42");
            assertThat(read.get("stream")).isEqualTo("1,2,3");
            assertThat(read.get("grpcWeb")).isEqualTo("3");
            assertThat(read.get("methods")).isEqualTo(List.of("POST", "GET", "POST"));
        }
    }

    static void nodeOrSkip() {
        boolean present = onPath("node") && onPath("npm");
        if (!present) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI=true but node or npm is not installed (apt-get install nodejs npm)");
            }
            Assumptions.abort("node or npm is not installed");
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** npm install, buf generate from the emitted .proto files, esbuild: {@code app.js} calling {@code gateway}. */
    static void build(String gateway) throws Exception {
        Files.writeString(
                work.resolve("package.json"), "{\"name\":\"browser-rpc\",\"private\":true,\"type\":\"module\"}");
        List<String> install = new java.util.ArrayList<>(
                List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefer-offline"));
        install.addAll(PACKAGES);
        run(install, 240);
        Files.writeString(
                work.resolve("buf.gen.yaml"),
                "version: v2\nplugins:\n  - local: " + work.resolve("node_modules/.bin/protoc-gen-es")
                        + "\n    out: gen\n    opt: target=js\n");
        for (Class<?> service : List.of(OrderDesk.class, Feed.class)) {
            // one input each: the two files of one Java package both declare EchoRequest
            Path root = work.resolve("proto-" + service.getSimpleName());
            Path file = root.resolve(GrpcSchemas.protoFileName(service));
            Files.createDirectories(file.getParent());
            Files.writeString(file, GrpcSchemas.protoFile(service));
            run(List.of("node_modules/.bin/buf", "generate", root.getFileName().toString()), 60);
        }
        String desk = "./gen/" + GrpcSchemas.protoFileName(OrderDesk.class).replace(".proto", "_pb.js");
        String feed = "./gen/" + GrpcSchemas.protoFileName(Feed.class).replace(".proto", "_pb.js");
        Files.writeString(
                work.resolve("main.js"),
                String.join(
                        "\n",
                        "import { createClient } from '@connectrpc/connect';",
                        "import { createConnectTransport, createGrpcWebTransport } from '@connectrpc/connect-web';",
                        "import { OrderDesk } from '" + desk + "';",
                        "import { Feed } from '" + feed + "';",
                        "const baseUrl = " + quote(gateway) + ";",
                        "const results = { methods: [] };",
                        "window.results = results;",
                        "const recording = (input, init) => { results.methods.push(init.method); return fetch(input, init); };",
                        "const connect = createConnectTransport({ baseUrl, useHttpGet: true, fetch: recording });",
                        "const grpcWeb = createGrpcWebTransport({ baseUrl });",
                        "(async () => {",
                        "  try {",
                        "    const desk = createClient(OrderDesk, connect);",
                        "    results.unary = (await desk.echo({ text: 'typed' })).value;",
                        "    results.get = String((await desk.add({ a: 40n, b: 2n })).value);",
                        "    const numbers = [];",
                        "    for await (const m of createClient(Feed, connect).count({ from: 1n, to: 3n })) {",
                        "      numbers.push(String(m.value));",
                        "    }",
                        "    results.stream = numbers.join(',');",
                        "    results.grpcWeb = String((await createClient(OrderDesk, grpcWeb).add({ a: 1n, b: 2n })).value);",
                        "  } catch (e) {",
                        "    results.error = String(e) + ' ' + (e.stack || '');",
                        "  }",
                        "  results.done = true;",
                        "})();",
                        ""));
        run(
                List.of(
                        "node_modules/.bin/esbuild",
                        "main.js",
                        "--bundle",
                        "--format=esm",
                        "--target=es2020",
                        "--outfile=app.js",
                        "--log-level=warning"),
                60);
    }

    private static String quote(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static void run(List<String> command, int seconds) throws Exception {
        Path log = work.resolve("command.log");
        Process process = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(command + " did not finish in " + seconds + " s: " + Files.readString(log));
        }
        assertThat(process.exitValue())
                .as(command + ": " + Files.readString(log))
                .isZero();
    }

    private static void serve(String path, String type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        page.createContext(path, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }
}
