package io.courier.console;

import io.courier.api.ServiceKey;
import io.courier.api.config.CommandLineSettings;
import io.courier.transport.UnsafeMemoryAccess;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the console: {@code java -jar courier-console.jar --registry zookeeper://127.0.0.1:2181}.
 * Options ({@link ConsoleKeys}; each also a system property {@code courier.console.<name>} or an environment variable
 * {@code COURIER_CONSOLE_<NAME>}): {@code --registry} (required; or {@code --zookeeper host:port},
 * the ZooKeeper ensemble alone), {@code --root} ({@code /courier}),
 * {@code --host} ({@code 127.0.0.1}), {@code --port} (8090), {@code --token} (at least 16
 * characters; a random one is made and logged when none is given), {@code --environment} (the
 * configuration centre's, {@code default}), {@code --admin-endpoints} (host:port,... of applications that
 * only consume), {@code --services} (service keys to show from discovery where the registry keeps no catalog:
 * {@code eureka://}, {@code mdns://}). Stops on SIGTERM or Ctrl-C; exits
 * 2 on a bad option.
 */
public final class ConsoleMain {

    private static final Logger log = LoggerFactory.getLogger(ConsoleMain.class);

    private ConsoleMain() {}

    public static void main(String[] args) throws InterruptedException {
        // before Netty loads: no sun.misc.Unsafe warning on Java 24+
        UnsafeMemoryAccess.avoidOnJava24AndLater();
        Parsed parsed;
        try {
            parsed = parse(args);
        } catch (IllegalArgumentException e) { // a ConfigValueException too: key, value, expectation, origin
            log.error(
                    "{}; usage: java -jar courier-console.jar --registry zookeeper://host:port [--root /courier]"
                            + " [--host 127.0.0.1] [--port 8090] [--token secret]",
                    e.getMessage());
            System.exit(2);
            return;
        }
        ConsoleOptions options = parsed.options();
        Console console = Console.start(options);
        if (parsed.generatedToken()) {
            log.info("Log in with the token {} (made for this run; set --token to choose one)", options.token());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            console.close();
                            stopped.countDown();
                        },
                        "courier-console-shutdown"));
        stopped.await();
    }

    /** The options and whether the token was made for this run. */
    private record Parsed(ConsoleOptions options, boolean generatedToken) {}

    /**
     * The console's options from the command line and the process's other sources.
     *
     * @throws IllegalArgumentException for a malformed, unknown or invalid option
     */
    private static Parsed parse(String[] args) {
        java.util.Map<String, String> given = given(args);
        CommandLineSettings settings = CommandLineSettings.ofThisProcess(asKeys(given));
        String token = settings.read(ConsoleKeys.TOKEN);
        boolean generated = token.isEmpty();
        String registry = settings.read(ConsoleKeys.REGISTRY);
        String zookeeper = settings.read(ConsoleKeys.ZOOKEEPER);
        ConsoleOptions.Builder builder = ConsoleOptions.builder();
        if (registry.isEmpty() && !zookeeper.isEmpty()) {
            builder.zookeeper(zookeeper); // the older option, kept for existing scripts
        } else {
            builder.registry(registry);
        }
        ConsoleOptions options = builder.root(settings.read(ConsoleKeys.ROOT))
                .host(settings.read(ConsoleKeys.HOST))
                .port(settings.read(ConsoleKeys.PORT))
                .token(generated ? newToken() : token)
                .environment(settings.read(ConsoleKeys.ENVIRONMENT))
                .adminEndpoints(settings.read(ConsoleKeys.ADMIN_ENDPOINTS))
                .services(serviceKeys(settings.read(ConsoleKeys.SERVICES)))
                .build();
        given.keySet()
                .removeAll(java.util.Set.of(
                        "registry",
                        "zookeeper",
                        "root",
                        "host",
                        "port",
                        "token",
                        "environment",
                        "admin-endpoints",
                        "services"));
        if (!given.isEmpty()) {
            throw new IllegalArgumentException("unknown option --"
                    + given.keySet().iterator().next()
                    + " (expected: --registry, --zookeeper, --root, --host, --port, --token, --environment,"
                    + " --admin-endpoints, --services)");
        }
        return new Parsed(options, generated);
    }

    /** The service keys of {@code --services}. */
    private static java.util.List<ServiceKey> serviceKeys(java.util.List<String> texts) {
        java.util.List<ServiceKey> keys = new java.util.ArrayList<>();
        for (String text : texts) {
            try {
                keys.add(ServiceKey.parse(text.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "services: '" + text
                                + "' (expected: service keys [group/]interface[:version], comma-separated)",
                        e);
            }
        }
        return keys;
    }

    /** The {@code --name value} pairs of the command line, by name. */
    private static java.util.Map<String, String> given(String[] args) {
        java.util.Map<String, String> given = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("option '" + args[i] + "' (expected: --name value)");
            }
            given.put(args[i].substring(2), args[++i]);
        }
        return given;
    }

    /** A random token of 32 URL-safe characters. */
    public static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@code --port 8090} stands for the key {@code courier.console.port}. */
    private static java.util.Map<String, String> asKeys(java.util.Map<String, String> given) {
        java.util.Map<String, String> keys = new java.util.HashMap<>();
        given.forEach((name, value) -> keys.put(ConsoleKeys.PREFIX + name, value));
        return keys;
    }
}
