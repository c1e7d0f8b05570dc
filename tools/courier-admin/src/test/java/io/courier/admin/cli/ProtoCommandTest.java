package io.courier.admin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.bootstrap.Courier;
import io.courier.grpc.GrpcSchemas;
import io.courier.thrift.ThriftSchemas;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code courier-admin proto SERVICE} and {@code thrift SERVICE} against the admin endpoint of a running application with gRPC and Thrift on its port. */
@Timeout(60)
class ProtoCommandTest {

    private static Courier provider;

    @BeforeAll
    static void start() {
        provider = Courier.builder()
                .application("proto-command")
                .registry("embedded")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .property("courier.admin.port", "0")
                .export((Greeter) (name, times) -> ("hello, " + name + " ").repeat(times))
                .start();
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    private record Run(int status, String out, String err) {}

    private static Run run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Cli.run(
                args,
                environment,
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String admin() {
        return "127.0.0.1:" + provider.adminPort().orElseThrow();
    }

    @Test
    void proto_printsTheServicesProto_fromTheAdminEndpoint() {
        Run run = run(Map.of(), "proto", Greeter.class.getName(), "--admin", admin());
        assertThat(run.status()).isEqualTo(Cli.OK);
        assertThat(run.out())
                .isEqualTo(GrpcSchemas.protoFile(Greeter.class))
                .contains(
                        "rpc Greet (.io.courier.admin.cli.GreetRequest) returns (.io.courier.admin.cli.GreetResponse);")
                .contains("  optional string name = 1;\n  int32 times = 2;");
        // the address may come from the environment, with its scheme
        assertThat(run(Map.of("COURIER_ADMIN_ADDRESS", "http://" + admin()), "proto", Greeter.class.getName())
                        .out())
                .isEqualTo(run.out());
    }

    @Test
    void thrift_printsTheServicesThriftIdl_fromTheAdminEndpoint() {
        Run run = run(Map.of(), "thrift", Greeter.class.getName(), "--admin", admin());
        assertThat(run.status()).isEqualTo(Cli.OK);
        assertThat(run.out())
                .isEqualTo(ThriftSchemas.idlFile(Greeter.class))
                .contains("string greet(1: string name, 2: i32 times) throws (1: CourierError error)");
    }

    @Test
    void unknownServiceOrNoAdminEndpoint_areRefused() {
        Run unknown = run(Map.of(), "proto", "com.acme.Nothing", "--admin", admin());
        assertThat(unknown.status()).isEqualTo(Cli.FAILED);
        assertThat(unknown.err())
                .contains("answered 404: no exported service com.acme.Nothing described by protocol grpc");

        Run noAddress = run(Map.of(), "proto", Greeter.class.getName());
        assertThat(noAddress.status()).isEqualTo(Cli.USAGE);
        assertThat(noAddress.err()).contains("no admin endpoint (expected: --admin HOST:PORT");

        Run noService = run(Map.of(), "proto");
        assertThat(noService.status()).isEqualTo(Cli.USAGE);
        assertThat(noService.err()).contains("missing SERVICE");
    }
}
