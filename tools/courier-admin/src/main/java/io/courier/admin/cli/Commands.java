package io.courier.admin.cli;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.config.KeyDeclaration;
import io.courier.api.config.KeyDeclarations;
import io.courier.config.ConfigCentre;
import io.courier.config.ConfigScope;
import io.courier.config.ConfigVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The commands, each one call or a few to the configuration centre, printed for a person or a pipe. */
final class Commands {

    /** Read at most this much from a file or stdin: a document over the limit is then still refused by validation. */
    private static final int MAX_INPUT = 1024 * 1024;

    private final ConfigCentre centre;
    private final Cli.Arguments arguments;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    Commands(ConfigCentre centre, Cli.Arguments arguments, InputStream in, PrintStream out, PrintStream err) {
        this.centre = centre;
        this.arguments = arguments;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    int run() {
        String command = arguments.word(0, "command");
        return switch (command) {
            case "config" ->
                config(arguments.word(
                        1, "config subcommand (get, keys, set, validate, diff, history, rollback, scopes)"));
            case "services" -> services();
            case "providers" -> providers(ServiceKey.parse(arguments.word(1, "SERVICE")));
            case "offline" -> offline(true);
            case "online" -> offline(false);
            default -> throw new IllegalArgumentException("unknown command '" + command + "'");
        };
    }

    private int config(String subcommand) {
        if (subcommand.equals("scopes")) {
            centre.scopes().forEach(out::println);
            return Cli.OK;
        }
        ConfigScope scope = ConfigScope.parse(arguments.word(2, "SCOPE"));
        return switch (subcommand) {
            case "get" -> get(scope);
            case "keys" -> keys(scope);
            case "set" -> set(scope);
            case "validate" -> validate(scope);
            case "diff" -> diff(scope);
            case "history" -> history(scope);
            case "rollback" -> rollback(scope);
            default -> throw new IllegalArgumentException("unknown config subcommand '" + subcommand + "'");
        };
    }

    private int get(ConfigScope scope) {
        long number = arguments.flag("--version", 1, Long.MAX_VALUE, 0);
        Optional<ConfigVersion> version =
                number == 0 ? centre.current(scope) : Optional.of(centre.version(scope, number));
        if (version.isEmpty()) {
            err.println("courier-admin: no document for " + scope + " in environment " + arguments.environment());
            return Cli.FAILED;
        }
        out.print(centre.masked(scope, version.get().text()));
        return Cli.OK;
    }

    /** The application's declared keys, each with its value in the document in force (secrets hidden). */
    private int keys(ConfigScope scope) {
        Optional<KeyDeclarations> declared = centre.declarations(scope);
        if (declared.isEmpty()) {
            err.println("courier-admin: " + scope + " published no key declarations in environment "
                    + arguments.environment() + " (an application publishes them when it starts following the centre)");
            return Cli.FAILED;
        }
        Map<String, String> values = centre.current(scope)
                .map(version -> centre.settings(scope, version.text()))
                .orElse(Map.of());
        out.println("KEY\tTYPE\tEXPECTED\tDEFAULT\tVALUE\tMEANING");
        for (KeyDeclaration key : declared.get().declarations()) {
            out.println(key.name() + "\t" + key.type() + "\t" + key.expectation() + "\t" + key.defaultText() + "\t"
                    + values.getOrDefault(key.name(), "-") + "\t" + key.meaning());
        }
        values.keySet().stream()
                .filter(name -> name.startsWith(KeyDeclarations.LOGGING_PREFIX))
                .forEach(name -> out.println(name + "\tlevel\tTRACE, DEBUG, INFO, WARN, ERROR or OFF\t-\t"
                        + values.get(name) + "\tbuilt in: the logger's level"));
        return Cli.OK;
    }

    private int set(ConfigScope scope) {
        String text = read(arguments.word(3, "FILE (or - for stdin)"));
        long expected = arguments.flag("--expect", 0, Long.MAX_VALUE, ConfigCentre.ANY_VERSION);
        ConfigVersion written = centre.write(
                scope, text, arguments.author(), arguments.flags().getOrDefault("--comment", ""), expected);
        out.println(
                "version " + written.number() + " of " + scope + " written in environment " + arguments.environment());
        return Cli.OK;
    }

    private int validate(ConfigScope scope) {
        Optional<String> problem = centre.validate(scope, read(arguments.word(3, "FILE (or - for stdin)")));
        if (problem.isPresent()) {
            err.println("courier-admin: invalid configuration for " + scope + ": " + problem.get());
            return Cli.FAILED;
        }
        out.println("valid");
        return Cli.OK;
    }

    private int diff(ConfigScope scope) {
        long current = centre.current(scope).map(ConfigVersion::number).orElse(0L);
        long to = arguments.words().size() > 4
                ? Cli.Arguments.number("TO", arguments.word(4, "TO"), 0, Long.MAX_VALUE)
                : current;
        long from = arguments.words().size() > 3
                ? Cli.Arguments.number("FROM", arguments.word(3, "FROM"), 0, Long.MAX_VALUE)
                : Math.max(0, to - 1);
        out.print(centre.diff(scope, from, to).text());
        return Cli.OK;
    }

    private int history(ConfigScope scope) {
        int limit = (int) arguments.flag("--limit", 1, 1_000, 20);
        out.println("VERSION\tINSTANT\tAUTHOR\tCOMMENT");
        for (ConfigVersion version : centre.history(scope, limit)) {
            out.println(version.number() + "\t" + version.instant() + "\t" + version.author() + "\t"
                    + version.comment().replace('\n', ' '));
        }
        return Cli.OK;
    }

    private int rollback(ConfigScope scope) {
        long number = Cli.Arguments.number("VERSION", arguments.word(3, "VERSION"), 1, Long.MAX_VALUE);
        ConfigVersion written = centre.rollback(scope, number, arguments.author());
        out.println("version " + written.number() + " of " + scope + " written: rollback to version " + number);
        return Cli.OK;
    }

    private int services() {
        centre.services().forEach(out::println);
        return Cli.OK;
    }

    private int providers(ServiceKey service) {
        Set<Endpoint> disabled = centre.offlineEndpoints(service);
        out.println("ENDPOINT\tAPPLICATION\tWEIGHT\tTAGS\tSTATE");
        for (ServiceInstance instance : centre.providers(service)) {
            out.println(instance.endpoint() + "\t" + instance.application() + "\t" + instance.weight() + "\t"
                    + String.join(",", instance.tags()) + "\t"
                    + (disabled.contains(instance.endpoint()) ? "offline" : "online"));
        }
        return Cli.OK;
    }

    private int offline(boolean offline) {
        Endpoint endpoint = Endpoint.parse(arguments.word(1, "ADDRESS (host:port)"));
        String word = offline ? "offline" : "online";
        String service = arguments.flags().get("--service");
        List<ServiceKey> changed;
        if (service != null) {
            ServiceKey key = ServiceKey.parse(service);
            if (offline) {
                centre.offline(key, endpoint, arguments.author());
            } else {
                centre.online(key, endpoint, arguments.author());
            }
            changed = List.of(key);
        } else {
            changed = centre.setOffline(endpoint, offline, arguments.author());
        }
        if (changed.isEmpty()) {
            err.println("courier-admin: no provider is registered at " + endpoint
                    + " (name the service with --service to change it anyway)");
            return Cli.FAILED;
        }
        for (ServiceKey key : changed) {
            out.println(word + " " + endpoint + " for " + key + " in environment " + arguments.environment());
        }
        return Cli.OK;
    }

    private String read(String source) {
        try {
            byte[] bytes = source.equals("-") ? in.readNBytes(MAX_INPUT + 1) : readFile(Path.of(source));
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + source + ": " + e.getMessage());
        }
    }

    private static byte[] readFile(Path file) throws IOException {
        try (InputStream stream = Files.newInputStream(file)) {
            return stream.readNBytes(MAX_INPUT + 1);
        }
    }
}
