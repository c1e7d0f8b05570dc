package io.courier.mockserver;

import io.courier.transport.UnsafeMemoryAccess;
import java.io.File;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runnable jar's entry point:
 *
 * <pre>
 * java -jar courier-mock-server-&lt;version&gt;-all.jar --class-path users-api.jar \
 *      --stubs users.json [--stubs more.json] [--registry zookeeper://127.0.0.1:2181] \
 *      [--root /courier] [--host 127.0.0.1] [--port 0] [--application courier-mock-server] \
 *      [--reload-millis 500]
 * </pre>
 *
 * The interfaces named by the stub files, and their value types, come from {@code --class-path} (jars
 * or directories, separated by the platform's path separator, repeatable), or from the JVM's class
 * path when it is started with {@code java -cp ... io.courier.mockserver.Main}. Runs
 * until the process is stopped; exit code 2 for bad arguments, 1 for a stub file that cannot be served
 * or a registry that cannot be reached.
 */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) throws InterruptedException {
        // before Netty loads: no sun.misc.Unsafe warning on Java 24+
        UnsafeMemoryAccess.avoidOnJava24AndLater();
        MockServerOptions options;
        try {
            options = parse(args);
            ClassLoader api = apiClassLoader(classPath(args));
            // before anything starts: the threads started later (Netty's, the registry's) inherit it
            Thread.currentThread().setContextClassLoader(api);
        } catch (IllegalArgumentException e) {
            log.error(
                    "{}\nusage: [--class-path <api.jar>] --stubs <file.json> [--stubs <file.json>...]"
                            + " [--registry embedded|zookeeper://host:port] [--root /courier] [--host 127.0.0.1]"
                            + " [--port 0] [--application name] [--reload-millis 500]",
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
        } catch (RegistryUnreachableException e) {
            log.error("The mock server stopped: {}", e.getMessage());
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
                case "--class-path" -> {} // see classPath(String[])
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

    /**
     * The jars and directories every {@code --class-path} names, in order.
     *
     * @throws IllegalArgumentException naming an entry that does not exist
     */
    static List<Path> classPath(String[] args) {
        List<Path> entries = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].equals("--class-path")) {
                continue;
            }
            for (String entry : args[i + 1].split(File.pathSeparator, -1)) {
                Path path = Path.of(entry);
                if (entry.isBlank() || !Files.exists(path)) {
                    throw new IllegalArgumentException("--class-path: '" + entry
                            + "' does not exist (expected: the jar or directory of your service interfaces)");
                }
                entries.add(path);
            }
        }
        return entries;
    }

    /** The loader of the service interfaces: the JVM's own, or one over {@code entries} in front of it. */
    private static ClassLoader apiClassLoader(List<Path> entries) {
        ClassLoader own = Main.class.getClassLoader();
        if (entries.isEmpty()) {
            return own;
        }
        URL[] urls = new URL[entries.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = entries.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("--class-path: '" + entries.get(i) + "' (" + e.getMessage() + ")");
            }
        }
        // never closed: the interfaces it loads serve until the process ends
        return new URLClassLoader("courier-mock-server-api", urls, own);
    }

    private static int number(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + value + "' (expected: an integer)");
        }
    }
}
