package io.courier.console;

import com.sun.net.httpserver.HttpServer;
import io.courier.api.registry.RegistryOptions;
import io.courier.api.store.RegistryCatalog;
import io.courier.api.store.RegistryStore;
import io.courier.api.store.StoreException;
import io.courier.bootstrap.Courier;
import io.courier.bootstrap.config.RegistryKeys;
import io.courier.config.ConfigCentre;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console of one registry: an HTTP server (the JDK's) with the page at {@code /} and its JSON
 * API at {@code /api/}, a {@link RegistryStore} that reads the registrations and reads and writes the
 * configuration documents (on a registry that offers discovery only, none: the console then lists the
 * services it was told about from discovery and says in words what is not available), a Courier
 * application on the same registry for test calls, and the
 * {@link Traffic} poller that reads the applications' admin endpoints for the live charts, the
 * topology and the instance pages. {@link #close()} stops all four.
 */
public final class Console implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Console.class);
    static final int HTTP_THREADS = 4;

    /** How long the console waits for the registry at start. */
    static final long CONNECT_TIMEOUT_MILLIS = 15_000;

    /** The console's own Courier application, left out of the topology. */
    static final String APPLICATION = "courier-console";

    private final RegistryStore store; // null on a registry that offers discovery only
    private final Courier courier;
    private final Traffic traffic;
    private final HttpServer server;
    private final ExecutorService executor;
    private final String host;

    private Console(
            RegistryStore store,
            Courier courier,
            Traffic traffic,
            HttpServer server,
            ExecutorService executor,
            String host) {
        this.store = store;
        this.courier = courier;
        this.traffic = traffic;
        this.server = server;
        this.executor = executor;
        this.host = host;
    }

    /**
     * Connects to the ensemble (waiting up to 15 s), starts the console's Courier application and
     * serves the page. On a registry that offers discovery only (its store refused in words) it starts
     * without the configuration centre and shows {@link ConsoleOptions#services()} from discovery.
     *
     * @throws IllegalStateException if the registry cannot be reached in time
     * @throws UncheckedIOException if the address cannot be bound
     */
    public static Console start(ConsoleOptions options) {
        Store opened = Store.open(options);
        RegistryStore store = opened.store();
        String unavailable = opened.unavailable();
        Courier courier = null;
        ExecutorService executor = null;
        Traffic traffic = null;
        try {
            courier = Courier.builder()
                    .application(APPLICATION)
                    .registry(options.registry())
                    .property(RegistryKeys.REGISTRY_ROOT.name(), options.root())
                    .shutdownHook(false)
                    .start();
            RegistryCatalog catalog =
                    store != null ? store.catalog() : new DiscoveryCatalog(courier, options.services());
            ConfigCentre centre = store != null ? ConfigCentre.open(store, options.centre()) : null;
            Operations operations = new Operations(
                    centre, unavailable, options.environment(), new RegistryView(catalog), new TestCalls(courier));
            HttpServer server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 64);
            AtomicInteger threads = new AtomicInteger();
            executor = Executors.newFixedThreadPool(HTTP_THREADS, task -> {
                Thread thread = new Thread(task, "courier-console-http-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            server.setExecutor(executor);
            traffic = new Traffic(catalog, options.adminEndpoints(), APPLICATION).start();
            server.createContext(
                    "/api/",
                    new ApiHandler(
                            new Sessions(options.token(), System::currentTimeMillis),
                            new AuditLog(),
                            operations,
                            new TrafficViews(traffic),
                            new EventsView(traffic)));
            server.createContext("/", new StaticFiles());
            server.start();
            Console console = new Console(store, courier, traffic, server, executor, options.host());
            log.info("Courier console on {} (registry {}, root {})", console.url(), options.registry(), options.root());
            return console;
        } catch (IOException e) {
            stop(store, courier, traffic, executor);
            throw new UncheckedIOException("console: cannot serve on " + options.host() + ":" + options.port(), e);
        } catch (RuntimeException e) {
            stop(store, courier, traffic, executor);
            throw e;
        }
    }

    /** The registry's store, or (null) why the registry has none, in its words. */
    private record Store(RegistryStore store, String unavailable) {

        static Store open(ConsoleOptions options) {
            try {
                return new Store(
                        RegistryStore.open(RegistryOptions.builder(options.registry())
                                .root(options.root())
                                .environment(options.environment())
                                .connectionTimeoutMillis(CONNECT_TIMEOUT_MILLIS)
                                .build()),
                        null);
            } catch (StoreException e) {
                throw new IllegalStateException("registry: " + e.getMessage(), e);
            } catch (UnsupportedOperationException e) {
                // a discovery-only registry refuses its store in words: the console shows what discovery finds
                log.warn("The console shows discovery only: {}", e.getMessage());
                return new Store(null, e.getMessage());
            }
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

    /** Stops serving (requests in progress get up to a second), then the application and the store. */
    @Override
    public void close() {
        server.stop(1);
        stop(store, courier, traffic, executor);
    }

    private static void stop(RegistryStore store, Courier courier, Traffic traffic, ExecutorService executor) {
        if (traffic != null) {
            traffic.close();
        }
        if (executor != null) {
            executor.shutdownNow();
        }
        if (courier != null) {
            courier.close();
        }
        if (store != null) {
            store.close();
        }
    }
}
