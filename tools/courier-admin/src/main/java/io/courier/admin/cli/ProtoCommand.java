package io.courier.admin.cli;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * {@code courier-admin proto SERVICE}: the {@code .proto} of an exported service, as the application
 * serving it describes it over gRPC, fetched from its admin endpoint ({@code GET
 * /schema/grpc/SERVICE}) at {@code --admin HOST:PORT} (or {@code COURIER_ADMIN_ADDRESS}).
 */
final class ProtoCommand {

    private ProtoCommand() {}

    static int run(Cli.Arguments arguments, Map<String, String> environment, PrintStream out, PrintStream err) {
        String service = arguments.word(1, "SERVICE");
        URI uri = AdminGet.uri(
                arguments,
                environment,
                "proto " + service,
                "/schema/grpc/"
                        + URLEncoder.encode(service, StandardCharsets.UTF_8).replace("%2F", "/"));
        Optional<String> proto = AdminGet.body(uri, arguments.connectTimeoutMillis(), err);
        proto.ifPresent(out::print);
        return proto.isPresent() ? Cli.OK : Cli.FAILED;
    }
}
