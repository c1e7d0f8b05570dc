package io.courier.demo;

import io.courier.bootstrap.config.RegistryKeys;
import io.courier.console.Console;
import io.courier.console.ConsoleMain;
import io.courier.console.ConsoleOptions;
import java.util.List;

/**
 * The shop's web console on 127.0.0.1:8090 (or a free port if 8090 is taken), on the shop's
 * ZooKeeper, with a token made for this run: log in while the demo runs to see the services, their
 * providers and consumers, live charts of their traffic, the topology and each instance, and change
 * weights live.
 */
final class DemoConsole implements AutoCloseable {

    static final int PREFERRED_PORT = 8090;

    private final Console console;
    private final String token;

    private DemoConsole(Console console, String token) {
        this.console = console;
        this.token = token;
    }

    /**
     * @param zookeeper the shop's ensemble, {@code host:port[,host:port]}
     * @param adminEndpoints the admin endpoints of the applications that only consume
     */
    static DemoConsole start(String zookeeper, List<String> adminEndpoints) {
        String token = ConsoleMain.newToken();
        ConsoleOptions.Builder options = ConsoleOptions.builder()
                .zookeeper(zookeeper)
                .token(token)
                .port(PREFERRED_PORT)
                .adminEndpoints(adminEndpoints);
        Console console;
        try {
            console = Console.start(options.build());
        } catch (Exception taken) {
            // the port is taken (another run of the demo, say): Netty rethrows the BindException
            // undeclared, so a catch of RuntimeException misses it
            console = Console.start(options.port(0).build());
        }
        return new DemoConsole(console, token);
    }

    String url() {
        return console.url();
    }

    String token() {
        return token;
    }

    @Override
    public void close() {
        console.close();
    }

    // The addresses a person needs while the demo runs, printed where they are first known: the
    // registry (for courier-admin, and for a Dubbo or Courier application of their own that joins
    // the shop) and this console.

    /**
     * @param address the shop's registry, {@code zookeeper://host:port[,host:port]}
     * @param embedded whether the demo runs that ZooKeeper itself (it then stops with the demo)
     */
    static void registry(String address, boolean embedded) {
        System.out.println("Registry while the demo runs: " + address + " (root /courier"
                + (embedded ? ", a ZooKeeper in this JVM" : "") + ")");
        System.out.println("  courier-admin --registry " + address + " services");
        System.out.println("  a Courier application joining the shop: " + RegistryKeys.REGISTRY_ADDRESS.name() + "="
                + address + "; a Dubbo consumer: dubbo.registry.address=" + address);
    }

    /** The summary's line about the registry, which a run on the embedded one has stopped by then. */
    static String registrySummary(String address, boolean embedded) {
        return "Registry: " + address + " (root /courier)"
                + (embedded
                        ? "; embedded, stopped with the demo (--zookeeper host:port runs the shop on one that stays)"
                        : "");
    }

    /** The console's address and this run's token, as a person needs them to log in. */
    static void console(DemoConsole console) {
        System.out.println();
        System.out.println(
                "Web console: " + console.url() + "  (log in with any name and the token " + console.token() + ")");
        System.out.println("  services, providers, consumers, live configuration; run with --duration-seconds 300 to"
                + " change a weight and watch the calls move (README.md, \"Watch traffic move\")");
    }
}
