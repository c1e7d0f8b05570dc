package io.courier.api;

import io.courier.api.internal.Arguments;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to reach a registry. Immutable; validated when built.
 *
 * @param address {@code embedded} for an in-process ZooKeeper, else {@code zookeeper://host:port[,host:port]}
 * @param root the root path of Courier's nodes (default {@code /courier})
 * @param sessionTimeoutMillis the registry session timeout (default 30,000)
 * @param connectionTimeoutMillis how long to wait for a connection (default 5,000)
 * @param digestAuth {@code user:password} for ZooKeeper digest ACLs, or empty for open nodes
 * @param cacheFile where the last known providers are saved for starts while the registry is down, or {@code null}
 * @param emptyProtection whether an empty provider push is ignored while known providers are still reachable (default true)
 */
public record RegistryOptions(
        String address,
        String root,
        long sessionTimeoutMillis,
        long connectionTimeoutMillis,
        String digestAuth,
        Path cacheFile,
        boolean emptyProtection) {

    public RegistryOptions {
        Arguments.checkNotBlank(address, "address");
        root = Objects.requireNonNullElse(root, "/courier");
        if (!root.startsWith("/") || (root.length() > 1 && root.endsWith("/"))) {
            throw new IllegalArgumentException("root: '" + root + "' (expected: an absolute path like /courier)");
        }
        Arguments.checkPositive(sessionTimeoutMillis, "sessionTimeoutMillis");
        Arguments.checkPositive(connectionTimeoutMillis, "connectionTimeoutMillis");
        digestAuth = Objects.requireNonNullElse(digestAuth, "");
        if (!digestAuth.isEmpty() && digestAuth.indexOf(':') <= 0) {
            throw new IllegalArgumentException("digestAuth: '<hidden>' (expected: user:password)");
        }
    }

    /** The registry scheme: the text before {@code ://}, or the whole address (e.g. {@code embedded}). */
    public String scheme() {
        int separator = address.indexOf("://");
        return separator > 0 ? address.substring(0, separator) : address;
    }

    public static Builder builder(String address) {
        return new Builder(address);
    }

    /** Builds {@link RegistryOptions}; starts from the defaults. */
    public static final class Builder {
        private final String address;
        private String root = "/courier";
        private long sessionTimeoutMillis = 30_000;
        private long connectionTimeoutMillis = 5_000;
        private String digestAuth = "";
        private Path cacheFile;
        private boolean emptyProtection = true;

        private Builder(String address) {
            this.address = address;
        }

        public Builder root(String root) {
            this.root = root;
            return this;
        }

        public Builder sessionTimeoutMillis(long sessionTimeoutMillis) {
            this.sessionTimeoutMillis = sessionTimeoutMillis;
            return this;
        }

        public Builder connectionTimeoutMillis(long connectionTimeoutMillis) {
            this.connectionTimeoutMillis = connectionTimeoutMillis;
            return this;
        }

        public Builder digestAuth(String digestAuth) {
            this.digestAuth = digestAuth;
            return this;
        }

        public Builder cacheFile(Path cacheFile) {
            this.cacheFile = cacheFile;
            return this;
        }

        public Builder emptyProtection(boolean emptyProtection) {
            this.emptyProtection = emptyProtection;
            return this;
        }

        public RegistryOptions build() {
            return new RegistryOptions(
                    address,
                    root,
                    sessionTimeoutMillis,
                    connectionTimeoutMillis,
                    digestAuth,
                    cacheFile,
                    emptyProtection);
        }
    }
}
