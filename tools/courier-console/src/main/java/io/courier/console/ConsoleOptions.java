package io.courier.console;

import io.courier.api.ServiceKey;
import io.courier.config.ConfigCentreOptions;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link Console} starts: the registry and Courier's root path in it, the address the page is
 * served on, and the operators' token.
 *
 * @param registry the registry address, {@code <scheme>://...} (e.g. {@code zookeeper://127.0.0.1:2181});
 *     its scheme names the registry store the console reads and writes through ({@link
 *     io.courier.api.store.RegistryStore#open}), and the registry its Courier application uses
 * @param root Courier's root path in the registry ({@code /courier} by default)
 * @param host the address to bind ({@code 127.0.0.1} by default: reachable from this machine only)
 * @param port the port to bind; 0 picks a free one
 * @param token the secret an operator types to log in, at least {@value #MIN_TOKEN_LENGTH} characters
 * @param environment the configuration centre's environment whose documents the console edits
 *     ({@code default} by default: the applications' {@code courier.environment})
 * @param historySize how many configuration versions are kept per document, 1 to 1000
 * @param adminEndpoints admin endpoints ({@code host:port}) to poll beside those the registry names:
 *     the applications that only consume, which register no provider instance to name theirs
 * @param services the services to show from discovery on a registry that keeps no catalog (Eureka,
 *     mDNS): such a registry finds the providers of a service it is asked about, but cannot list services
 */
public record ConsoleOptions(
        String registry,
        String root,
        String host,
        int port,
        String token,
        String environment,
        int historySize,
        List<String> adminEndpoints,
        List<ServiceKey> services) {

    /** The shortest token accepted. */
    public static final int MIN_TOKEN_LENGTH = 16;

    private static final String ZOOKEEPER = "zookeeper://";

    public ConsoleOptions {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(adminEndpoints, "adminEndpoints");
        services = List.copyOf(services);
        int scheme = registry.indexOf("://");
        if (registry.startsWith(ZOOKEEPER)) {
            checkEnsemble(registry.substring(ZOOKEEPER.length()));
        } else if (scheme <= 0 || scheme + 3 == registry.length()) {
            throw new IllegalArgumentException(
                    "registry: '" + registry + "' (expected: <scheme>://<address>, e.g. zookeeper://127.0.0.1:2181)");
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("host: '' (expected: an address to bind, e.g. 127.0.0.1)");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0 to 65535)");
        }
        if (token.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException(
                    "token: " + token.length() + " characters (expected: at least " + MIN_TOKEN_LENGTH + ")");
        }
        centre(root, environment, historySize); // the configuration centre checks its own three
        adminEndpoints = List.copyOf(adminEndpoints);
        for (String admin : adminEndpoints) {
            if (AdminFetch.address(admin).isEmpty()) {
                throw new IllegalArgumentException("adminEndpoints: '" + admin + "' (expected: host:port)");
            }
        }
    }

    private static void checkEnsemble(String servers) {
        if (!servers.matches("[A-Za-z0-9.\\-\\[\\]:]+:[0-9]+(,[A-Za-z0-9.\\-\\[\\]:]+:[0-9]+)*")) {
            throw new IllegalArgumentException(
                    "zookeeper: '" + servers + "' (expected: host:port[,host:port], e.g. 127.0.0.1:2181)");
        }
    }

    /** The configuration centre's options: the root, the environment and the history size. */
    public ConfigCentreOptions centre() {
        return centre(root, environment, historySize);
    }

    private static ConfigCentreOptions centre(String root, String environment, int historySize) {
        return new ConfigCentreOptions(root, environment, historySize);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ConsoleOptions}; every value but the registry and the token has a default. */
    public static final class Builder {
        private String registry = "";
        private String root = "/courier";
        private String host = "127.0.0.1";
        private int port = 8090;
        private String token = "";
        private String environment = ConfigCentreOptions.DEFAULT_ENVIRONMENT;
        private int historySize = ConfigCentreOptions.DEFAULT_HISTORY_SIZE;
        private List<String> adminEndpoints = List.of();
        private List<ServiceKey> services = List.of();

        private Builder() {}

        /** The registry address, {@code <scheme>://...}. */
        public Builder registry(String registry) {
            this.registry = registry;
            return this;
        }

        /** A ZooKeeper ensemble, {@code host:port[,host:port]}: the registry {@code zookeeper://<ensemble>}. */
        public Builder zookeeper(String ensemble) {
            this.registry = ZOOKEEPER + Objects.requireNonNull(ensemble, "zookeeper");
            return this;
        }

        public Builder root(String root) {
            this.root = root;
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

        public Builder token(String token) {
            this.token = token;
            return this;
        }

        public Builder environment(String environment) {
            this.environment = environment;
            return this;
        }

        public Builder historySize(int historySize) {
            this.historySize = historySize;
            return this;
        }

        /** Admin endpoints, {@code host:port}, of applications that only consume. */
        public Builder adminEndpoints(List<String> adminEndpoints) {
            this.adminEndpoints = adminEndpoints;
            return this;
        }

        /** The services to show from discovery where the registry keeps no catalog. */
        public Builder services(List<ServiceKey> services) {
            this.services = services;
            return this;
        }

        public ConsoleOptions build() {
            return new ConsoleOptions(
                    registry, root, host, port, token, environment, historySize, adminEndpoints, services);
        }
    }
}
