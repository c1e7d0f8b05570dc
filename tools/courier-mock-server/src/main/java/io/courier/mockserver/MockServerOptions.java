package io.courier.mockserver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link MockServer} runs. Immutable; validated when built.
 *
 * @param stubFiles one JSON stub file per service served (at least one)
 * @param registry the registry address: {@code embedded} or {@code zookeeper://host:port}
 * @param registryRoot the registry's root path (default {@code /courier})
 * @param host the address the server binds (default {@code 127.0.0.1})
 * @param port the port; 0 picks a free one (default 0)
 * @param application the application name in the registry (default {@code courier-mock-server})
 * @param reloadInterval how often the files are checked for changes (default 500 ms)
 */
public record MockServerOptions(
        List<Path> stubFiles,
        String registry,
        String registryRoot,
        String host,
        int port,
        String application,
        Duration reloadInterval) {

    public MockServerOptions {
        stubFiles = List.copyOf(stubFiles);
        if (stubFiles.isEmpty()) {
            throw new IllegalArgumentException("stubFiles: [] (expected: at least one stub file)");
        }
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(registryRoot, "registryRoot");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(application, "application");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0 to 65535)");
        }
        if (reloadInterval.isNegative() || reloadInterval.isZero()) {
            throw new IllegalArgumentException("reloadInterval: " + reloadInterval + " (expected: > 0)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link MockServerOptions}; starts from the defaults. */
    public static final class Builder {
        private final List<Path> stubFiles = new ArrayList<>();
        private String registry = "embedded";
        private String registryRoot = "/courier";
        private String host = "127.0.0.1";
        private int port;
        private String application = "courier-mock-server";
        private Duration reloadInterval = Duration.ofMillis(500);

        private Builder() {}

        public Builder stubFile(Path file) {
            stubFiles.add(Objects.requireNonNull(file, "file"));
            return this;
        }

        public Builder registry(String registry) {
            this.registry = registry;
            return this;
        }

        public Builder registryRoot(String registryRoot) {
            this.registryRoot = registryRoot;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder application(String application) {
            this.application = application;
            return this;
        }

        public Builder reloadInterval(Duration reloadInterval) {
            this.reloadInterval = Objects.requireNonNull(reloadInterval, "reloadInterval");
            return this;
        }

        public MockServerOptions build() {
            return new MockServerOptions(stubFiles, registry, registryRoot, host, port, application, reloadInterval);
        }
    }
}
