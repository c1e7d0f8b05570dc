package io.courier.testkit;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * A page that calls gRPC-Web and Connect services from headless Chromium with a typed client built
 * at test time: npm installs {@link #PACKAGES} (npm's cache, {@code ~/.npm}, makes a repeated run
 * fast), {@code buf} with {@code protoc-gen-es} generates JavaScript from the {@code .proto} files a
 * provider emits, esbuild bundles the test's script, and a loopback HTTP server of its own serves the
 * page, so the page's origin is not the gateway's (CORS as the gateway is configured).
 *
 * <p>The script is the body of an {@code async} function that sees {@code baseUrl} (the gateway, from
 * the page's query),
 * {@code results} (an object it fills; {@link #run} returns it as JSON), {@code recordingFetch} (a
 * {@code fetch} that appends each request's method to {@code results.methods}) and the imports
 * {@code createClient}, {@code createConnectTransport} and {@code createGrpcWebTransport}; an error it
 * throws is {@code results.error}. Shared by the browser RPC tests of the gateway and the demo; Jackson
 * and Awaitility are optional dependencies of the test kit, so a module that uses this class brings its
 * own. Not thread-safe; {@link #close()} stops the page's server.
 */
public final class BrowserRpcPage implements AutoCloseable {

    /** The npm packages of the page, pinned. */
    public static final List<String> PACKAGES = List.of(
            "@connectrpc/connect@2.2.0",
            "@connectrpc/connect-web@2.2.0",
            "@bufbuild/protobuf@2.17.0",
            "@bufbuild/protoc-gen-es@2.13.0",
            "@bufbuild/buf@1.75.0",
            "esbuild@0.28.2");

    /** A {@code .proto} file: its path as the file names it (its imports' form) and its text. */
    public record Proto(String path, String text) {

        /** The JavaScript module {@code protoc-gen-es} generates from this file, relative to the page's script. */
        public String module() {
            return "./gen/" + path.replaceFirst("\\.proto$", "_pb.js");
        }

        /** The full names of the services, messages and enums the file declares at its top level. */
        Set<String> declared() {
            Matcher packaged = PACKAGE.matcher(text);
            String prefix = packaged.find() ? packaged.group(1) + "." : "";
            Set<String> names = new HashSet<>();
            Matcher declaration = DECLARATION.matcher(text);
            while (declaration.find()) {
                names.add(prefix + declaration.group(1));
            }
            return names;
        }
    }

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern DECLARATION = Pattern.compile("^(?:message|enum|service) (\\w+)", Pattern.MULTILINE);

    private final Path work;
    private final HttpServer server;

    private BrowserRpcPage(Path work, HttpServer server) {
        this.work = work;
        this.server = server;
    }

    /**
     * Skips the calling test (JUnit assumption) without Chromium, node or npm, except under CI
     * ({@code CI=true}), where their absence fails it; then starts the page's server on a free port
     * of 127.0.0.1, building in {@code work}.
     */
    public static BrowserRpcPage startOrSkip(Path work) throws IOException {
        DevTools.chromiumOrSkip();
        if (!onPath("node") || !onPath("npm")) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI=true but node or npm is not installed (apt-get install nodejs npm)");
            }
            Assumptions.abort("node or npm is not installed");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.start();
        return new BrowserRpcPage(Files.createDirectories(work).toAbsolutePath(), server);
    }

    /** The page's origin, to allow in the gateway's CORS options. */
    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Installs the packages, generates JavaScript from {@code protos} (as few buf runs as their names
     * allow: two files of one Java package may both declare a message such as {@code EchoRequest}), bundles {@code
     * imports} and {@code script} (see the class comment), and serves the page. Needs no gateway yet
     * (the page is told its address by {@link #run}), so it may run while the services start.
     */
    public void build(List<Proto> protos, List<String> imports, String script) throws Exception {
        installPackages();
        generate(protos);
        bundle(imports, script);
        serve("/", "text/html", "<!doctype html><title>browser rpc</title><script src=\"/app.js\"></script>");
        serve("/app.js", "text/javascript", Files.readString(work.resolve("app.js")));
    }

    /** npm's packages, skipped when a run in the same directory installed the same ones. */
    private void installPackages() throws Exception {
        Files.writeString(
                work.resolve("package.json"), "{\"name\":\"browser-rpc\",\"private\":true,\"type\":\"module\"}");
        // a repeated run in the same target directory skips npm when the same packages are installed
        Path installed = work.resolve("node_modules").resolve(".courier-packages");
        String packages = String.join("\n", PACKAGES);
        if (!Files.isRegularFile(installed) || !Files.readString(installed).equals(packages)) {
            List<String> install = new ArrayList<>(
                    List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefer-offline"));
            install.addAll(PACKAGES);
            run(install, 240);
            Files.writeString(installed, packages);
        }
    }

    /** JavaScript from {@code protos}, with buf; files that declare one name go to different buf runs. */
    private void generate(List<Proto> protos) throws Exception {
        Files.writeString(
                work.resolve("buf.gen.yaml"),
                "version: v2\nplugins:\n  - local: " + work.resolve("node_modules/.bin/protoc-gen-es")
                        + "\n    out: gen\n    opt: target=js\n");
        // buf compiles one input as a whole: files that declare one name go to different inputs
        List<Set<String>> inputs = new ArrayList<>();
        for (Proto proto : protos) {
            Set<String> names = proto.declared();
            int input = 0;
            while (input < inputs.size() && !Collections.disjoint(inputs.get(input), names)) {
                input++;
            }
            if (input == inputs.size()) {
                inputs.add(new HashSet<>());
            }
            inputs.get(input).addAll(names);
            Path file = work.resolve("proto-" + input).resolve(proto.path());
            Files.createDirectories(file.getParent());
            Files.writeString(file, proto.text());
        }
        for (int input = 0; input < inputs.size(); input++) {
            run(List.of("node_modules/.bin/buf", "generate", "proto-" + input), 60);
        }
    }

    /** {@code imports} and {@code script} in the page's frame, bundled with esbuild into {@code app.js}. */
    private void bundle(List<String> imports, String script) throws Exception {
        List<String> lines = new ArrayList<>(List.of(
                "import { createClient } from '@connectrpc/connect';",
                "import { createConnectTransport, createGrpcWebTransport } from '@connectrpc/connect-web';"));
        lines.addAll(imports);
        lines.addAll(List.of(
                "const baseUrl = new URLSearchParams(location.search).get('gateway');",
                "const results = { methods: [] };",
                "window.results = results;",
                "const recordingFetch = (input, init) => { results.methods.push(init.method); return fetch(input, init); };",
                "(async () => {",
                "  try {",
                script,
                "  } catch (e) {",
                "    results.error = String(e) + ' ' + (e.stack || '');",
                "  }",
                "  results.done = true;",
                "})();",
                ""));
        Files.writeString(work.resolve("main.js"), String.join("\n", lines));
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

    /**
     * Opens the page in {@code browser}, its script calling {@code gateway} ({@code http://host:port}),
     * and waits (at most {@code limit}) for its results.
     */
    public Map<?, ?> run(DevTools browser, String gateway, Duration limit) throws Exception {
        browser.navigate(origin() + "/?gateway=" + URLEncoder.encode(gateway, StandardCharsets.UTF_8));
        await().atMost(limit).pollInterval(Duration.ofMillis(200)).until(() -> browser.evaluate(
                        "String(window.results && window.results.done === true)")
                .equals("true"));
        return new ObjectMapper().readValue(browser.evaluate("JSON.stringify(window.results)"), Map.class);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private void run(List<String> command, int seconds) throws Exception {
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
        if (process.exitValue() != 0) {
            throw new AssertionError(command + " exited " + process.exitValue() + ": " + Files.readString(log));
        }
    }

    private void serve(String path, String type, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
    }
}
