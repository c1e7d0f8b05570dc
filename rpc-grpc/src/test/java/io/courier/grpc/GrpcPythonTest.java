package io.courier.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.ErrorCode;
import io.courier.api.RpcContext;
import io.courier.api.RpcException;
import io.courier.bootstrap.Courier;
import io.courier.grpc.users.Page;
import io.courier.grpc.users.User;
import io.courier.grpc.users.UserService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python's {@code grpcio} (Debian's {@code python3-grpcio}, with stubs that Debian's {@code protoc} and gRPC's
 * Python plugin generate from the {@code .proto} Courier emits for the service) calls a Courier provider: a unary
 * call with metadata, a server stream, the health service, and one call through server reflection
 * alone; then an interface-first service from Python, and a Courier consumer calling a Python server. Skipped on a machine without them, but failed under {@code CI=true}, where {@code .ci/run}
 * installs them.
 */
@Timeout(120)
class GrpcPythonTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Path PROTOC = Path.of("/usr/bin/protoc");
    private static final Path GRPC_PYTHON_PLUGIN = Path.of("/usr/bin/grpc_python_plugin");

    @TempDir
    Path dir;

    @Test
    void pythonGrpcio_callsACourierService() throws Exception {
        requirePythonGrpc();
        Path generated = generateStubs(Probe.class);
        Path client = copy("client.py", dir.resolve("client.py"));
        try (Courier provider = provider(new GrpcProviderPathTest.ProbeService())) {
            List<String> lines = run(List.of(
                    PYTHON.toString(), client.toString(), Integer.toString(provider.port()), generated.toString()));
            assertThat(lines)
                    .containsExactly(
                            "unary acme",
                            "stream 3,2,1",
                            "health SERVING",
                            "reflection io.courier.grpc.Probe,grpc.health.v1.Health,grpc.reflection.v1.ServerReflection,"
                                    + "grpc.reflection.v1alpha.ServerReflection yes");
        }
    }

    /**
     * An interface-first service (beans, a record, an enum, {@code Optional}, a map, bytes, {@code java.time},
     * {@code Page<User>}, streams and an exception), called from Python on stubs compiled from nothing but the
     * {@code .proto} Courier derived from the Java interface.
     */
    @Test
    void pythonGrpcio_callsAnInterfaceFirstService_onTheDerivedProto() throws Exception {
        requirePythonGrpc();
        Path generated = generateStubs(UserService.class);
        Path client = copy("users_client.py", dir.resolve("users_client.py"));
        InterfaceFirstUsers users = new InterfaceFirstUsers();
        try (Courier provider = provider(users)) {
            List<String> lines = run(List.of(
                    PYTHON.toString(), client.toString(), Integer.toString(provider.port()), generated.toString()));
            assertThat(lines)
                    .containsExactly(
                            "getUser 2 user-2 USER_STATUS_ACTIVE 1990-01-03 Lyon 69001 gold [1, 2, 2] 1700000002 123",
                            "listUser 1 100 15 15 29",
                            "createUser True",
                            "streamUsers 0,1,2",
                            "countUsers 4",
                            "getUser(-1) UNKNOWN True");
        }
        assertThat(users.created).singleElement().satisfies(user -> {
            assertThat(user.getId()).isEqualTo(7);
            assertThat(user.getName()).isEqualTo("py");
            assertThat(user.getStatus()).isEqualTo(User.Status.ACTIVE);
            assertThat(user.getPermissions()).containsExactly(4, 5);
            assertThat(user.getAddress()).isNull();
        });
    }

    /**
     * The other direction: a Courier consumer, on the plain Java interface, calls a Python {@code grpcio} server
     * whose servicer was written against stubs compiled from the {@code .proto} Courier derived from that interface.
     */
    @Test
    void courierConsumer_callsAPythonServer_onTheDerivedProto() throws Exception {
        requirePythonGrpc();
        Path generated = generateStubs(UserService.class);
        Path script = copy("users_server.py", dir.resolve("users_server.py"));
        Path output = dir.resolve("users_server.log");
        Process server = new ProcessBuilder(PYTHON.toString(), script.toString(), generated.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        try {
            int port = awaitPort(server, output);
            try (Courier consumer = Courier.builder()
                    .application("grpc-python-consumer")
                    .shutdownHook(false)
                    .property("courier.service." + UserService.class.getName() + ".url", "grpc://127.0.0.1:" + port)
                    .start()) {
                UserService users = consumer.reference(UserService.class);

                User user = users.getUser(5);
                assertThat(user.getId()).isEqualTo(5);
                assertThat(user.getName()).isEqualTo("py-5");
                assertThat(user.getStatus()).isEqualTo(User.Status.LOCKED);
                assertThat(user.getBirthday()).isEqualTo(LocalDate.of(2001, 2, 3));
                assertThat(user.getPermissions()).containsExactly(7, 8);
                assertThat(user.getAddress()).isEqualTo(new User.Address("Oslo", Optional.empty()));
                assertThat(user.getTags()).containsExactly(Map.entry("lang", "python"));
                assertThat(user.getLastLogin()).isEqualTo(Instant.ofEpochSecond(1_700_000_005L));

                Page<User> page = users.listUser(3);
                assertThat(page.getPageNo()).isEqualTo(3);
                assertThat(page.getTotal()).isEqualTo(42);
                assertThat(page.getResult()).extracting(User::getId).containsExactly(0L, 1L, 2L);

                User created = new User();
                created.setName("from-courier");
                assertThat(users.createUser(created)).isTrue();

                List<Long> streamed = new CopyOnWriteArrayList<>();
                CompletableFuture<Void> done = new CompletableFuture<>();
                users.streamUsers(4).subscribe(new Flow.Subscriber<>() {
                    @Override
                    public void onSubscribe(Flow.Subscription subscription) {
                        subscription.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(User item) {
                        streamed.add(item.getId());
                    }

                    @Override
                    public void onError(Throwable failure) {
                        done.completeExceptionally(failure);
                    }

                    @Override
                    public void onComplete() {
                        done.complete(null);
                    }
                });
                done.get(10, TimeUnit.SECONDS);
                assertThat(streamed).containsExactly(0L, 1L, 2L, 3L);

                RpcContext.current().setAttachment("x-tenant", "acme");
                assertThat(users.attachment("x-tenant")).isEqualTo("acme");

                assertThatThrownBy(() -> users.getUser(-2)).isInstanceOfSatisfying(RpcException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                    assertThat(e.getMessage()).contains("NOT_FOUND").contains("python has no user -2");
                });
            }
        } finally {
            server.getOutputStream().close(); // the script stops when its input closes
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The port the Python server printed, waiting at most 30 s; fails with its output if it exits first. */
    private static int awaitPort(Process server, Path output) throws IOException {
        Pattern portLine = Pattern.compile("^port (\\d+)$", Pattern.MULTILINE);
        await("the Python server's port")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    String text = Files.readString(output, StandardCharsets.UTF_8);
                    if (!server.isAlive() && !portLine.matcher(text).find()) {
                        throw new AssertionError("the Python server exited: " + text);
                    }
                    return portLine.matcher(text).find();
                });
        Matcher port = portLine.matcher(Files.readString(output, StandardCharsets.UTF_8));
        assertThat(port.find()).isTrue();
        return Integer.parseInt(port.group(1));
    }

    /**
     * Writes the service's emitted {@code .proto} beside health and reflection, and compiles all three with Debian's
     * {@code protoc} and gRPC's Python plugin. Not Debian's {@code grpc_tools}: it bundles protoc 3.5, which predates
     * proto3's {@code optional} (protoc 3.15) that the derived schema uses for presence.
     */
    private Path generateStubs(Class<?> service) throws Exception {
        Path protos = Files.createDirectories(dir.resolve("protos"));
        Path generated = Files.createDirectories(dir.resolve("generated"));
        Path serviceProto = protos.resolve(GrpcSchemas.protoFileName(service));
        Files.createDirectories(serviceProto.getParent());
        Files.writeString(serviceProto, GrpcSchemas.protoFile(service));
        copy("health.proto", protos.resolve("health.proto"));
        copy("reflection.proto", protos.resolve("reflection.proto"));
        run(List.of(
                PROTOC.toString(),
                "-I" + protos,
                "--python_out=" + generated,
                "--grpc_out=" + generated,
                "--plugin=protoc-gen-grpc=" + GRPC_PYTHON_PLUGIN,
                GrpcSchemas.protoFileName(service),
                "health.proto",
                "reflection.proto"));
        return generated;
    }

    private static Courier provider(Object service) {
        return Courier.builder()
                .application("grpc-python")
                .registry("embedded")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .export(service)
                .start();
    }

    private static void requirePythonGrpc() throws Exception {
        boolean present = Files.isExecutable(PYTHON)
                && Files.isExecutable(PROTOC)
                && Files.isExecutable(GRPC_PYTHON_PLUGIN)
                && new ProcessBuilder(PYTHON.toString(), "-c", "import grpc")
                                .redirectErrorStream(true)
                                .start()
                                .waitFor()
                        == 0;
        if (!present) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("CI=true but Python's grpcio or protoc is not installed"
                        + " (apt-get install python3-grpcio protobuf-compiler protobuf-compiler-grpc)");
            }
            Assumptions.abort("python3-grpcio, protobuf-compiler and protobuf-compiler-grpc are not installed");
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
