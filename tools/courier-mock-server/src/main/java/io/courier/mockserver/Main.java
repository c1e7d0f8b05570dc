package io.courier.mockserver;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runnable jar's entry point:
 *
 * <pre>
 * java -cp courier-mock-server.jar:users-api.jar io.courier.mockserver.Main \
 *      --stubs users.json [--stubs more.json] [--registry zookeeper://127.0.0.1:2181] \
 *      [--root /courier] [--host 127.0.0.1] [--port 0] [--application courier-mock-server] \
 *      [--reload-millis 500]
 * </pre>
 *
 * The interfaces named by the stub files, and their value types, must be on the class path. Runs
 * until the process is stopped; exit code 2 for bad arguments, 1 for a stub file that cannot be served.
 */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        MockServerOptions options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            log.error(
                    "{}\nusage: --stubs <file.json> [--stubs <file.json>...] [--registry embedded|zookeeper://host:port]"
                            + " [--root /courier] [--host 127.0.0.1] [--port 0] [--application name] [--reload-millis 500]",
                    e.getMessage());
            System.exit(2);
            return;
        }
        MockServer server;
        try {
            server = MockServer.start(options);
        } catch (StubFileException e) {
            log.error("Refused the stub file: {}", e.getMessage());
            System.exit(1);
            return;
        } catch (UncheckedIOException e) {
            log.error("{}", e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "courier-mock-server-shutdown"));
        stopped.await();
    }

    /**
     * The options {@code args} give.
     *
     * @throws IllegalArgumentException naming the argument that is wrong
     */
    static MockServerOptions parse(String[] args) {
        MockServerOptions.Builder builder = MockServerOptions.builder();
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + ": no value");
            }
            String value = args[i + 1];
            switch (name) {
                case "--stubs" -> builder.stubFile(Path.of(value));
                case "--registry" -> builder.registry(value);
                case "--root" -> builder.registryRoot(value);
                case "--host" -> builder.host(value);
                case "--port" -> builder.port(number(name, value));
                case "--application" -> builder.application(value);
                case "--reload-millis" -> builder.reloadInterval(Duration.ofMillis(number(name, value)));
                default -> throw new IllegalArgumentException("unknown argument '" + name + "'");
            }
        }
        return builder.build();
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + value + "' (expected: an integer)");
        }
    }
}
