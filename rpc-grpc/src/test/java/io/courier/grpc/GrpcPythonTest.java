package io.courier.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.bootstrap.Courier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python's {@code grpcio} (Debian's {@code python3-grpcio}, with stubs that Debian's {@code grpc_tools}
 * generates from the {@code .proto} Courier emits for the service) calls a Courier provider: a unary
 * call with metadata, a server stream, the health service, and one call through server reflection
 * alone. Skipped on a machine without them, but failed under {@code CI=true}, where {@code .ci/run}
 * installs them.
 */
@Timeout(120)
class GrpcPythonTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    @Test
    void pythonGrpcio_callsACourierService() throws Exception {
        requirePythonGrpc();
        Path protos = Files.createDirectories(dir.resolve("protos"));
        Path generated = Files.createDirectories(dir.resolve("generated"));
        Path serviceProto = protos.resolve(GrpcSchemas.protoFileName(Probe.class));
        Files.createDirectories(serviceProto.getParent());
        Files.writeString(serviceProto, GrpcSchemas.protoFile(Probe.class));
        copy("health.proto", protos.resolve("health.proto"));
        copy("reflection.proto", protos.resolve("reflection.proto"));
        Path client = copy("client.py", dir.resolve("client.py"));

        run(List.of(
                PYTHON.toString(),
                "-m",
                "grpc_tools.protoc",
                "-I" + protos,
                "--python_out=" + generated,
                "--grpc_python_out=" + generated,
                GrpcSchemas.protoFileName(Probe.class),
                "health.proto",
                "reflection.proto"));

        try (Courier provider = Courier.builder()
                .application("grpc-python")
                .registry("embedded")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .export(new GrpcProviderPathTest.ProbeService())
                .start()) {
            List<String> lines = run(List.of(
                    PYTHON.toString(), client.toString(), Integer.toString(provider.port()), generated.toString()));
            assertThat(lines)
                    .containsExactly(
                            "unary acme", "stream 3,2,1", "health SERVING", "reflection io.courier.grpc.Probe yes");
        }
    }

    private static void requirePythonGrpc() throws Exception {
        boolean present = Files.isExecutable(PYTHON)
                && new ProcessBuilder(PYTHON.toString(), "-c", "import grpc, grpc_tools.protoc")
                                .redirectErrorStream(true)
                                .start()
                                .waitFor()
                        == 0;
        if (!present) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(
                        "CI=true but Python's grpcio is not installed (apt-get install python3-grpcio python3-grpc-tools)");
            }
            Assumptions.abort("python3-grpcio and python3-grpc-tools are not installed");
        }
    }

    private static Path copy(String resource, Path target) throws IOException {
        try (InputStream in = GrpcPythonTest.class.getResourceAsStream("/python/" + resource)) {
            Files.copy(in, target);
        }
        return target;
    }

    /** Runs {@code command} to its end (at most 60 s) and returns its output; fails on a non-zero exit. */
    private List<String> run(List<String> command) throws Exception {
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
