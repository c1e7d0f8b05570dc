package io.courier.demo;

import io.courier.console.Console;
import io.courier.console.ConsoleMain;
import io.courier.console.ConsoleOptions;

/**
 * The shop's web console on 127.0.0.1:8090 (or a free port if 8090 is taken), on the shop's
 * ZooKeeper, with a token made for this run: log in while the demo runs to see the services, their
 * providers and consumers, and change weights live.
 */
final class DemoConsole implements AutoCloseable {

    static final int PREFERRED_PORT = 8090;

    private final Console console;
    private final String token;

    private DemoConsole(Console console, String token) {
        this.console = console;
        this.token = token;
    }

    /** @param zookeeper the shop's ensemble, {@code host:port[,host:port]} */
    static DemoConsole start(String zookeeper) {
        String token = ConsoleMain.newToken();
        ConsoleOptions.Builder options =
                ConsoleOptions.builder().zookeeper(zookeeper).token(token).port(PREFERRED_PORT);
        Console console;
        try {
            console = Console.start(options.build());
        } catch (RuntimeException taken) {
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
}
