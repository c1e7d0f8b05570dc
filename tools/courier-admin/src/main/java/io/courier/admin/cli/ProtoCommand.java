package io.courier.admin.cli;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * {@code courier-admin proto SERVICE} and {@code courier-admin thrift SERVICE}: the {@code .proto} or
 * the Thrift IDL of an exported service, as the application serving it describes it over gRPC or
 * Thrift, fetched from its admin endpoint ({@code GET /schema/grpc/SERVICE}, {@code GET
 * /schema/thrift/SERVICE}) at {@code --admin HOST:PORT} (or {@code COURIER_ADMIN_ADDRESS}).
 */
final class ProtoCommand {

    private ProtoCommand() {}

    /** @param protocol {@code grpc} or {@code thrift}, the protocol whose description is asked for */
    static int run(
            String protocol,
            Cli.Arguments arguments,
            Map<String, String> environment,
            PrintStream out,
            PrintStream err) {
        String service = arguments.word(1, "SERVICE");
        URI uri = AdminGet.uri(
                arguments,
                environment,
                arguments.words().get(0) + " " + service,
                "/schema/" + protocol + "/"
                        + URLEncoder.encode(service, StandardCharsets.UTF_8).replace("%2F", "/"));
        Optional<String> proto = AdminGet.body(uri, arguments.connectTimeoutMillis(), err);
        proto.ifPresent(out::print);
        return proto.isPresent() ? Cli.OK : Cli.FAILED;
    }
}
