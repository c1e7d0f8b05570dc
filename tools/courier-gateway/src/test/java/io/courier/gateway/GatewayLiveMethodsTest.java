package io.courier.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.bootstrap.Courier;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deploy adds a method to a running service: version 1 of {@code live.Ledger} (compiled here)
 * serves {@code opening}; version 2 adds {@code closing} and replaces it, as a rolling deploy does.
 * The running gateway calls the new method once the new metadata is in the registry, with no
 * restart.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class GatewayLiveMethodsTest {

    @TempDir
    Path directory;

    @Test
    void methodAddedByADeploy_isCallableThroughTheRunningGateway() throws Exception {
        Object v1 = compile("v1", "public String opening() { return \"v1\"; }");
        Object v2 = compile(
                "v2", "public String opening() { return \"v2\"; }", "public String closing() { return \"closed\"; }");
        try (TestingServer zooKeeper = new TestingServer(true);
                Courier first = provider(zooKeeper, "ledger-1", v1);
                Courier edge = Courier.builder()
                        .application("edge")
                        .shutdownHook(false)
                        .registry("zookeeper://" + zooKeeper.getConnectString())
                        .start();
                Gateway gateway = Gateway.start(
                        edge, GatewayOptions.builder().host("127.0.0.1").port(0).build())) {
            GatewayFixture.Client http = new GatewayFixture.Client(gateway.port());
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> http.post("/live.Ledger/opening", "[]").statusCode() == 200);
            HttpResponse<String> unknown = http.post("/live.Ledger/closing", "[]");
            assertThat(unknown.statusCode()).isEqualTo(404);

            long deployed;
            try (Courier second = provider(zooKeeper, "ledger-2", v2)) {
                first.close();
                deployed = System.nanoTime();
                await().atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> http.post("/live.Ledger/closing", "[]").statusCode() == 200);
                long millis = (System.nanoTime() - deployed) / 1_000_000;
                System.out.printf("a method added by a deploy was callable through the gateway after %d ms%n", millis);
                // the catalog re-reads metadata every 2 s and a caller at most every 1 s
                assertThat(millis).isLessThan(ServiceCatalog.REFRESH_NANOS / 1_000_000 + 5_000);
                assertThat(http.post("/live.Ledger/closing", "[]").body()).isEqualTo("\"closed\"");
                assertThat(http.post("/live.Ledger/opening", "[]").body()).isEqualTo("\"v2\"");
            }
        }
    }

    private static Courier provider(TestingServer zooKeeper, String name, Object implementation) {
        return Courier.builder()
                .application(name)
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .registry("zookeeper://" + zooKeeper.getConnectString())
                .export(implementation)
                .start();
    }

    /** Compiles {@code live.Ledger} with {@code methods} and its implementation, and makes one. */
    private Object compile(String version, String... methods) throws Exception {
        Path sources = Files.createDirectories(directory.resolve(version + "-src/live"));
        Path classes = Files.createDirectories(directory.resolve(version + "-classes"));
        StringBuilder api = new StringBuilder("package live;\npublic interface Ledger {\n");
        StringBuilder implementation =
                new StringBuilder("package live;\npublic final class LedgerService implements Ledger {\n");
        for (String method : methods) {
            api.append("    ").append(method, 0, method.indexOf(')') + 1).append(";\n");
            implementation.append("    ").append(method).append('\n');
        }
        Files.writeString(sources.resolve("Ledger.java"), api.append("}\n"));
        Files.writeString(sources.resolve("LedgerService.java"), implementation.append("}\n"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("-parameters", "-d", classes.toString()));
        arguments.add(sources.resolve("Ledger.java").toString());
        arguments.add(sources.resolve("LedgerService.java").toString());
        int status = javac.run(null, null, null, arguments.toArray(String[]::new));
        if (status != 0) {
            throw new IOException("javac failed: " + status);
        }
        URLClassLoader loader = new URLClassLoader(
                new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
        return loader.loadClass("live.LedgerService").getConstructor().newInstance();
    }
}
