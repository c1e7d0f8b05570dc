package io.courier.console;

import com.sun.net.httpserver.HttpServer;
import io.courier.bootstrap.Courier;
import io.courier.config.ConfigCentre;
import io.courier.registry.zookeeper.internal.Layout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console of one ZooKeeper ensemble: an HTTP server (the JDK's) with the page at {@code /}
 * and its JSON API at {@code /api/}, a ZooKeeper client that reads and writes Courier's nodes, and a
 * Courier application on the same registry for test calls. {@link #close()} stops all three.
 */
public final class Console implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Console.class);
    static final int HTTP_THREADS = 4;

    private final CuratorFramework zookeeper;
    private final Courier courier;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String host;

    private Console(
            CuratorFramework zookeeper, Courier courier, HttpServer server, ExecutorService executor, String host) {
        this.zookeeper = zookeeper;
        this.courier = courier;
        this.server = server;
        this.executor = executor;
        this.host = host;
    }

    /**
     * Connects to the ensemble (waiting up to 15 s), starts the console's Courier application and
     * serves the page.
     *
     * @throws IllegalStateException if ZooKeeper cannot be reached in time
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static Console start(ConsoleOptions options) {
        CuratorFramework zookeeper = CuratorFrameworkFactory.builder()
                .connectString(options.zookeeper())
                .sessionTimeoutMs(30_000)
                .connectionTimeoutMs(10_000)
                .retryPolicy(new ExponentialBackoffRetry(100, 3, 1_000))
                .build();
        Courier courier = null;
        ExecutorService executor = null;
        try {
            zookeeper.start();
            if (!zookeeper.blockUntilConnected(15, TimeUnit.SECONDS)) {
                throw new IllegalStateException("zookeeper: " + options.zookeeper() + " not reachable within 15 s");
            }
            courier = Courier.builder()
                    .application("courier-console")
                    .registry("zookeeper://" + options.zookeeper())
                    .property("courier.registry.root", options.root())
                    .shutdownHook(false)
                    .start();
            Layout layout = new Layout(options.root());
            AuditLog audit = new AuditLog();
            ConfigCentre centre = ConfigCentre.open(zookeeper, options.centre());
            Operations operations = new Operations(centre, new RegistryView(zookeeper, layout), new TestCalls(courier));
            HttpServer server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 64);
            AtomicInteger threads = new AtomicInteger();
            executor = Executors.newFixedThreadPool(HTTP_THREADS, task -> {
                Thread thread = new Thread(task, "courier-console-http-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            server.createContext(
                    "/api/",
                    new ApiHandler(new Sessions(options.token(), System::currentTimeMillis), audit, operations));
            server.createContext("/", new StaticFiles());
            server.start();
            Console console = new Console(zookeeper, courier, server, executor, options.host());
            log.info(
                    "Courier console on {} (ZooKeeper {}, root {})",
                    console.url(),
                    options.zookeeper(),
                    options.root());
            return console;
        } catch (IOException e) {
            stop(zookeeper, courier, executor);
            throw new UncheckedIOException("console: cannot serve on " + options.host() + ":" + options.port(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(zookeeper, courier, executor);
            throw new IllegalStateException("interrupted while connecting to ZooKeeper", e);
        } catch (RuntimeException e) {
            stop(zookeeper, courier, executor);
            throw e;
        }
    }

    /** The port the page is served on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8090/}. */
    public String url() {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + port() + "/";
    }

    /** Stops serving (requests in progress get up to a second), then the application and the client. */
    @Override
    public void close() {
        server.stop(1);
        stop(zookeeper, courier, executor);
    }

    private static void stop(CuratorFramework zookeeper, Courier courier, ExecutorService executor) {
        if (executor != null) {
            executor.shutdownNow();
        }
        if (courier != null) {
            courier.close();
        }
        zookeeper.close();
    }
}
