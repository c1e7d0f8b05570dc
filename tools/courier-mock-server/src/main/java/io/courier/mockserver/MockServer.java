package io.courier.mockserver;

import io.courier.api.ServiceOptions;
import io.courier.bootstrap.Courier;
import io.courier.bootstrap.CourierBuilder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves service interfaces from JSON stub files (see {@link RawStubFile} for the format and
 * {@code docs/testing.md}) as a Courier provider registered like any other, so that consumers can be
 * built and tested before the real provider exists. Each file is read, typed against its interface
 * and refused at start with its line and reason if anything is wrong; a file that changes later is
 * reloaded, and a broken change is logged and ignored. Thread-safe; {@link #close()} stops it.
 */
public final class MockServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MockServer.class);

    private final Courier application;
    private final StubReloader reloader;

    private MockServer(Courier application, StubReloader reloader) {
        this.application = application;
        this.reloader = reloader;
    }

    /**
     * Loads every stub file, exports the services and registers them.
     *
     * @throws StubFileException if a file cannot be served, naming its line and the reason; nothing is
     *     left running
     * @throws io.courier.bootstrap.ConfigurationException if the registry or the port is wrong
     */
    public static MockServer start(MockServerOptions options) {
        StubResolver resolver = new StubResolver(classLoader());
        Map<Path, StubbedService> services = new LinkedHashMap<>();
        for (Path file : options.stubFiles()) {
            ServiceStubs stubs = resolver.resolve(file);
            services.put(file, StubbedService.of(stubs));
            log.info("Loaded {}: {} stub(s) of {}", file, stubs.stubs().size(), stubs.describe());
        }
        CourierBuilder builder = Courier.builder()
                .application(options.application())
                .registry(options.registry())
                .property("courier.registry.root", options.registryRoot())
                .host(options.host())
                .port(options.port())
                .shutdownHook(false);
        for (StubbedService service : services.values()) {
            ServiceStubs stubs = service.stubs();
            builder.export(
                    service.implementation(),
                    ServiceOptions.builder()
                            .group(stubs.group())
                            .version(stubs.version())
                            .build());
        }
        Courier application = builder.start();
        StubReloader reloader =
                new StubReloader(resolver, services, options.reloadInterval().toMillis());
        log.info("Mock server serving {} service(s) on port {}", services.size(), application.port());
        return new MockServer(application, reloader);
    }

    /** The port the services are served on. */
    public int port() {
        return application.port();
    }

    /** The last reload refused, until a later one succeeds; empty while every change loaded. */
    public Optional<StubFileException> lastReloadFailure() {
        return reloader.lastFailure();
    }

    /** Stops watching the files, withdraws the services and closes the server. */
    @Override
    public void close() {
        reloader.close();
        application.close();
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : MockServer.class.getClassLoader();
    }
}
