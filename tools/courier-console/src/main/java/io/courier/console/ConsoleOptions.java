package io.courier.console;

import io.courier.config.ConfigCentreOptions;
import java.util.Objects;

/**
 * How a {@link Console} starts: the ZooKeeper ensemble and Courier's root path in it, the address
 * the page is served on, and the operators' token.
 *
 * @param zookeeper the connect string, {@code host:port[,host:port]}
 * @param root Courier's root path in ZooKeeper ({@code /courier} by default)
 * @param host the address to bind ({@code 127.0.0.1} by default: reachable from this machine only)
 * @param port the port to bind; 0 picks a free one
 * @param token the secret an operator types to log in, at least {@value #MIN_TOKEN_LENGTH} characters
 * @param environment the configuration centre's environment whose documents the console edits
 *     ({@code default} by default: the applications' {@code courier.environment})
 * @param historySize how many configuration versions are kept per document, 1 to 1000
 */
public record ConsoleOptions(
        String zookeeper, String root, String host, int port, String token, String environment, int historySize) {

    /** The shortest token accepted. */
    public static final int MIN_TOKEN_LENGTH = 16;

    public ConsoleOptions {
        Objects.requireNonNull(zookeeper, "zookeeper");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(token, "token");
        if (!zookeeper.matches("[A-Za-z0-9.\\-\\[\\]:]+:[0-9]+(,[A-Za-z0-9.\\-\\[\\]:]+:[0-9]+)*")) {
            throw new IllegalArgumentException(
                    "zookeeper: '" + zookeeper + "' (expected: host:port[,host:port], e.g. 127.0.0.1:2181)");
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
    }

    /**
     * The registry address the console's store and its Courier application use, {@code
     * zookeeper://<zookeeper>}; the store is found by its scheme ({@link
     * io.courier.api.store.RegistryStore#open}), so nothing else in the console is tied to ZooKeeper.
     */
    public String registry() {
        return "zookeeper://" + zookeeper;
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

    /** Builds {@link ConsoleOptions}; every value but the ensemble and the token has a default. */
    public static final class Builder {
        private String zookeeper = "";
        private String root = "/courier";
        private String host = "127.0.0.1";
        private int port = 8090;
        private String token = "";
        private String environment = ConfigCentreOptions.DEFAULT_ENVIRONMENT;
        private int historySize = ConfigCentreOptions.DEFAULT_HISTORY_SIZE;

        private Builder() {}

        public Builder zookeeper(String zookeeper) {
            this.zookeeper = zookeeper;
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

        public ConsoleOptions build() {
            return new ConsoleOptions(zookeeper, root, host, port, token, environment, historySize);
        }
    }
}
