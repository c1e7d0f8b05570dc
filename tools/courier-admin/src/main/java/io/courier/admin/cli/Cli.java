package io.courier.admin.cli;

import io.courier.config.ConfigCentre;
import io.courier.config.ConfigCentreOptions;
import io.courier.config.ConfigException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the command line and runs one command against the configuration centre (or, for {@code proto}
 * and {@code events}, against an application's admin endpoint):
 *
 * <pre>
 * courier-admin [--registry ADDRESS] [--root /courier] [--env NAME] [--author NAME]
 *               [--connect-timeout-millis N] COMMAND ARGUMENTS
 * </pre>
 *
 * The registry is reached through its {@link io.courier.api.store.RegistryStore}, found by the
 * address's scheme ({@code zookeeper://host:port[,host:port]}; a bare {@code host:port} goes to the
 * default store, ZooKeeper; {@code --zookeeper} is the older spelling of {@code --registry}).
 * Defaults come from the environment: {@code COURIER_REGISTRY_ADDRESS} (else {@code 127.0.0.1:2181}),
 * {@code COURIER_REGISTRY_ROOT}, {@code COURIER_ENVIRONMENT}, {@code USER} for the author. Exit
 * status: 0 done, 1 refused or failed (invalid document, conflict, unknown version, registry
 * unreachable, a registry that keeps no store, such as {@code eureka://} and {@code mdns://}; the reason on
 * stderr), 2 a usage error.
 */
final class Cli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    static final String USAGE_TEXT =
            """
            usage: courier-admin [options] COMMAND
              config get SCOPE [--version N]          print the document in force (or a kept version),
                                                      an application's secret values hidden
              config keys application:NAME            the keys the application declares: type, range,
                                                      default, value in force (secrets hidden), meaning
              config set SCOPE FILE|- [--comment TEXT] [--expect N]
                                                      validate and write a new version (- reads stdin);
                                                      an application's settings are checked against the
                                                      keys it declares
              config validate SCOPE FILE|-            check a document, write nothing
              config diff SCOPE [FROM [TO]]           line diff of two versions (default: previous, current)
              config history SCOPE [--limit N]        kept versions, newest first
              config rollback SCOPE VERSION           make an old version current again (as a new version)
              config scopes                           every scope with a document in the environment
              services                                services in the registry
              providers SERVICE                       providers of a service and their state
              offline ADDRESS [--service SERVICE]     stop calls to host:port (every service on it, or one)
              online ADDRESS [--service SERVICE]      undo offline
              proto SERVICE [--admin HOST:PORT]       the service's .proto (gRPC), from the admin endpoint of an
                                                      application serving it (or COURIER_ADMIN_ADDRESS)
              thrift SERVICE [--admin HOST:PORT]      the service's Thrift IDL, from the same admin endpoint
              events [--admin HOST:PORT] [--format table|json]
                                                      an application's event topics, its consumer groups and
                                                      their lag per partition, from its admin endpoint
            SCOPE: application:NAME, service:SERVICEKEY or a service key ([group/]interface[:version])
            options: --registry zookeeper://host:port[,host:port] (or host:port; --zookeeper is the same),
                     --root /courier, --env NAME, --author NAME, --connect-timeout-millis N
            """;

    private Cli() {}

    static int run(String[] args, Map<String, String> environment, InputStream in, PrintStream out, PrintStream err) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args, environment);
        } catch (IllegalArgumentException e) {
            err.println("courier-admin: " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
        if (arguments.words().isEmpty() || arguments.words().get(0).equals("help")) {
            (arguments.words().isEmpty() ? err : out).print(USAGE_TEXT);
            return arguments.words().isEmpty() ? USAGE : OK;
        }
        String first = arguments.words().get(0);
        if (first.equals("proto") || first.equals("thrift") || first.equals("events")) {
            try {
                return first.equals("events")
                        ? EventsCommand.run(arguments, environment, out, err)
                        : ProtoCommand.run(first.equals("proto") ? "grpc" : "thrift", arguments, environment, out, err);
            } catch (IllegalArgumentException e) {
                err.println("courier-admin: " + e.getMessage());
                err.print(USAGE_TEXT);
                return USAGE;
            }
        }
        ConfigCentreOptions options;
        try {
            options = ConfigCentreOptions.builder()
                    .root(arguments.root())
                    .environment(arguments.environment())
                    .build();
        } catch (IllegalArgumentException e) {
            err.println("courier-admin: " + e.getMessage());
            return USAGE;
        }
        try (ConfigCentre centre =
                ConfigCentre.connect(arguments.registry(), options, arguments.connectTimeoutMillis())) {
            return new Commands(centre, arguments, in, out, err).run();
        } catch (IllegalArgumentException e) {
            err.println("courier-admin: " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        } catch (ConfigException e) {
            err.println("courier-admin: " + e.getMessage());
            return FAILED;
        } catch (UnsupportedOperationException e) {
            // a registry that offers discovery only (eureka://, mdns://) refuses its store in words
            err.println("courier-admin: " + e.getMessage());
            return FAILED;
        }
    }

    /** The parsed command line: options, then the command's words. */
    record Arguments(
            String registry,
            String root,
            String environment,
            String author,
            long connectTimeoutMillis,
            List<String> words,
            Map<String, String> flags) {

        static Arguments parse(String[] args, Map<String, String> environment) {
            String registry = environment.getOrDefault("COURIER_REGISTRY_ADDRESS", "127.0.0.1:2181");
            String root = environment.getOrDefault("COURIER_REGISTRY_ROOT", "/courier");
            String env = environment.getOrDefault("COURIER_ENVIRONMENT", ConfigCentreOptions.DEFAULT_ENVIRONMENT);
            String author = environment.getOrDefault("USER", "courier-admin");
            long timeout = 5_000;
            List<String> words = new ArrayList<>();
            Map<String, String> flags = new HashMap<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("--")) {
                    words.add(arg);
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + ": no value (expected: " + arg + " VALUE)");
                }
                String value = args[++i];
                switch (arg) {
                    case "--registry", "--zookeeper" -> registry = value;
                    case "--root" -> root = value;
                    case "--env" -> env = value;
                    case "--author" -> author = value;
                    case "--connect-timeout-millis" -> timeout = number(arg, value, 1, 600_000);
                    case "--version", "--comment", "--expect", "--limit", "--service", "--admin", "--format" ->
                        flags.put(arg, value);
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
            return new Arguments(registry, root, env, author, timeout, List.copyOf(words), Map.copyOf(flags));
        }

        /** The command word at {@code index}, or a usage error naming {@code what}. */
        String word(int index, String what) {
            if (index >= words.size()) {
                throw new IllegalArgumentException(String.join(" ", words) + ": missing " + what);
            }
            return words.get(index);
        }

        /** A numeric flag, or {@code absent}. */
        long flag(String name, long min, long max, long absent) {
            String value = flags.get(name);
            return value == null ? absent : number(name, value, min, max);
        }

        static long number(String name, String value, long min, long max) {
            try {
                long number = Long.parseLong(value);
                if (number >= min && number <= max) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(name + ": '" + value + "' (expected: " + min + " to " + max + ")");
        }
    }
}
