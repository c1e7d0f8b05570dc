package io.courier.mockserver;

import io.courier.api.ServiceOptions;
import io.courier.bootstrap.Courier;
import io.courier.bootstrap.CourierBuilder;
import io.courier.bootstrap.config.RegistryKeys;
import io.courier.bootstrap.status.CourierStatus;
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
    /** How long the start waits for the registry to acknowledge the services before giving up. */
    static final long REGISTER_WAIT_MILLIS = 5_000;

    private final Courier application;
    private final StubReloader reloader;
    private final RegistryStateLog registryState;

    private MockServer(Courier application, StubReloader reloader, RegistryStateLog registryState) {
        this.application = application;
        this.reloader = reloader;
        this.registryState = registryState;
    }

    /**
     * Loads every stub file, exports the services and registers them.
     *
     * @throws StubFileException if a file cannot be served, naming its line and the reason; nothing is
     *     left running
     * @throws io.courier.bootstrap.ConfigurationException if the registry or the port is wrong
     * @throws RegistryUnreachableException if the registry did not acknowledge the services within
     *     5 s, naming its address; nothing is left running
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
                .property(RegistryKeys.REGISTRY_ROOT.name(), options.registryRoot())
                .host(options.host())
                .port(options.port())
                .property(RegistryKeys.REGISTRY_REGISTER_WAIT_MILLIS.name(), String.valueOf(REGISTER_WAIT_MILLIS))
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
        if (application.status().registry() != CourierStatus.RegistryState.CONNECTED) {
            // Courier waited for the registry's acknowledgement (courier.registry.register-wait-millis)
            // and would go on retrying; a mock server nobody can find is of no use, so it stops here.
            application.close();
            throw new RegistryUnreachableException("registry " + options.registry() + " could not be reached within "
                    + REGISTER_WAIT_MILLIS + " ms, so no consumer could find the mock server (expected: a"
                    + " ZooKeeper listening at that address; start one, or pass --registry embedded)");
        }
        StubReloader reloader =
                new StubReloader(resolver, services, options.reloadInterval().toMillis());
        RegistryStateLog registryState = new RegistryStateLog(application, options.registry());
        log.info(
                "Mock server serving {} service(s) on port {}, registered in {}",
                services.size(),
                application.port(),
                options.registry());
        return new MockServer(application, reloader, registryState);
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
        registryState.close();
        application.close();
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : MockServer.class.getClassLoader();
    }
}
