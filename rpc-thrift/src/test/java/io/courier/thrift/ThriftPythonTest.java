package io.courier.thrift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.bootstrap.Courier;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Thrift's stock Python client (Debian's {@code python3-thrift}, on stubs Debian's {@code thrift}
 * compiler generates from the IDL the provider's admin endpoint serves) calls a Courier provider: structs,
 * an enum, containers and binary, the declared exception, a oneway call, over the binary protocol and,
 * multiplexed, over the compact one. Skipped on a machine without them, but failed under {@code CI=true},
 * where {@code .ci/run} installs them.
 */
@Timeout(120)
class ThriftPythonTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path THRIFT = Path.of("/usr/bin/thrift");

    @TempDir
    static Path dir;

    private static AccountsService accounts;
    private static Courier provider;

    @BeforeAll
    static void start() {
        accounts = new AccountsService();
        provider = Courier.builder()
                .application("thrift-python")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .property("courier.admin.port", "0")
                .export(accounts)
                .start();
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @Test
    void pythonThrift_callsACourierService_binaryAndCompact() throws Exception {
        requirePythonThrift();
        Path generated = generateStubs(fetchIdl());
        Path client = copy("accounts_client.py", dir.resolve("accounts_client.py"));
        for (String[] run : new String[][] {{"binary", "plain"}, {"compact", "multiplexed"}}) {
            List<String> lines = run(List.of(
                    PYTHON.toString(),
                    client.toString(),
                    Integer.toString(provider.port()),
                    generated.toString(),
                    run[0],
                    run[1]));
            assertThat(lines)
                    .as("%s %s", run[0], run[1])
                    .containsExactly(
                            "open ada-" + run[0] + " SAVINGS 0 ['early', 'vip']",
                            "deposit 250 300",
                            "deposit(-1) APPLICATION 0 io.courier.thrift.Accounts$NoSuchAccount no account -1 False",
                            "byKind ['ada-" + run[0] + "']",
                            "counts True",
                            "reverse [3, 2, 1]",
                            "depth 2");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(accounts.audits)
                .containsExactlyInAnyOrder("audited-binary", "audited-compact"));
    }

    /** The IDL as the admin endpoint serves it, which is what {@link ThriftSchemas#idlFile} writes. */
    private static String fetchIdl() throws Exception {
        HttpResponse<String> idl = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                        + provider.adminPort().orElseThrow() + "/schema/thrift/"
                                        + Accounts.class.getName()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(idl.statusCode()).isEqualTo(200);
        assertThat(idl.body()).isEqualTo(ThriftSchemas.idlFile(Accounts.class));
        return idl.body();
    }

    private static Path generateStubs(String idl) throws Exception {
        Path file = dir.resolve("accounts.thrift");
        Files.writeString(file, idl);
        Path generated = Files.createDirectories(dir.resolve("generated"));
        run(List.of(THRIFT.toString(), "--gen", "py", "-out", generated.toString(), file.toString()));
        return generated;
    }

    private static void requirePythonThrift() throws Exception {
        boolean present = Files.isExecutable(PYTHON)
                && Files.isExecutable(THRIFT)
                && new ProcessBuilder(PYTHON.toString(), "-c", "import thrift")
                                .redirectErrorStream(true)
                                .start()
                                .waitFor()
                        == 0;
        if (!present) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(
                        "CI=true but Python's thrift or the thrift compiler is not installed (apt-get install"
                                + " python3-thrift thrift-compiler)");
            }
            Assumptions.abort("python3-thrift and thrift-compiler are not installed");
        }
    }

    private static Path copy(String resource, Path target) throws IOException {
        try (InputStream in = ThriftPythonTest.class.getResourceAsStream("/python/" + resource)) {
            Files.copy(in, target);
        }
        return target;
    }

    /** Runs {@code command} to its end (at most 60 s) and returns its output; fails on a non-zero exit. */
    private static List<String> run(List<String> command) throws Exception {
        Path output = Files.createTempFile(dir, "process-", ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            boolean done = process.waitFor(60, TimeUnit.SECONDS);
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(done).as("finished within 60 s: %s%n%s", command, text).isTrue();
            assertThat(process.exitValue()).as("exit of %s%n%s", command, text).isZero();
            return new ArrayList<>(text.lines().toList());
        } finally {
            process.destroyForcibly();
        }
    }
}
