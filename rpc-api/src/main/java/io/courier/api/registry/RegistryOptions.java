package io.courier.api.registry;

import io.courier.api.internal.Arguments;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How to reach a registry and how it behaves under failure. Immutable; validated when built, with
 * errors that name the key, the value and the expectation.
 *
 * @param address {@code embedded} for an in-process ZooKeeper, else {@code zookeeper://host:port[,host:port]}
 * @param root the root path of Courier's nodes (default {@code /courier})
 * @param sessionTimeoutMillis the registry session timeout (default 30,000); the server may narrow it
 * @param connectionTimeoutMillis how long to wait for a connection (default 5,000); also how long a
 *     new subscription waits for the registry before it serves from the cache file
 * @param digestAuth {@code user:password} for ZooKeeper digest ACLs, or empty for open nodes
 * @param cacheFile where the last known providers are saved for starts while the registry is down, or {@code null}
 * @param emptyProtection whether an empty provider push is ignored while known providers are still reachable (default true)
 * @param strictCacheFile whether an unreadable cache file fails {@link RegistryFactory#create}
 *     (true) or is logged and ignored, leaving no cached providers (false, the default)
 * @param application the application's name, published with this process's consumer nodes and
 *     naming its application-scope configuration document; may be empty
 * @param environment the configuration centre's namespace whose documents this process reads
 *     (default {@code default}): lower-case letters, digits, {@code . _ -}, 1 to 64 characters
 * @param dubboInterfaces the service interfaces whose providers are also read from Apache Dubbo's
 *     layout ({@code /dubbo/<interface>/providers}), so that a consumer mixes stock Dubbo providers
 *     with Courier's; {@code *} for every interface; empty (the default) for none. A registry that
 *     does not know Dubbo's layout ignores it.
 */
public record RegistryOptions(
        String address,
        String root,
        long sessionTimeoutMillis,
        long connectionTimeoutMillis,
        String digestAuth,
        Path cacheFile,
        boolean emptyProtection,
        boolean strictCacheFile,
        String application,
        String environment,
        Set<String> dubboInterfaces) {

    public static final String DEFAULT_ROOT = "/courier";
    public static final long DEFAULT_SESSION_TIMEOUT_MILLIS = 30_000;
    public static final long DEFAULT_CONNECTION_TIMEOUT_MILLIS = 5_000;
    public static final String DEFAULT_ENVIRONMENT = "default";
    private static final Pattern ENVIRONMENT = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public RegistryOptions {
        Arguments.checkNotBlank(address, "address");
        root = Objects.requireNonNullElse(root, DEFAULT_ROOT);
        if (!root.startsWith("/") || (root.length() > 1 && root.endsWith("/")) || root.contains("//")) {
            throw new IllegalArgumentException("root: '" + root + "' (expected: an absolute path like /courier)");
        }
        checkIntMillis(sessionTimeoutMillis, "sessionTimeoutMillis");
        checkIntMillis(connectionTimeoutMillis, "connectionTimeoutMillis");
        digestAuth = Objects.requireNonNullElse(digestAuth, "");
        if (!digestAuth.isEmpty() && digestAuth.indexOf(':') <= 0) {
            throw new IllegalArgumentException("digestAuth: '<hidden>' (expected: user:password)");
        }
        application = Objects.requireNonNullElse(application, "");
        environment = checkEnvironment(Objects.requireNonNullElse(environment, DEFAULT_ENVIRONMENT));
        dubboInterfaces = Set.copyOf(Objects.requireNonNullElse(dubboInterfaces, Set.of()));
    }

    /** Whether the providers of {@code interfaceName} are also read from Apache Dubbo's layout. */
    public boolean readsDubboProviders(String interfaceName) {
        return dubboInterfaces.contains("*") || dubboInterfaces.contains(interfaceName);
    }

    /** These options with another {@code address}. */
    public RegistryOptions withAddress(String address) {
        return copyInto(new Builder(address)).build();
    }

    /** What an environment name may be, for messages. */
    public static final String ENVIRONMENT_RULE = "1 to 64 of a-z 0-9 . _ -, starting with a letter or digit";

    /** Whether {@code name} is a valid environment name ({@link #ENVIRONMENT_RULE}). */
    public static boolean isEnvironmentName(String name) {
        return name != null && ENVIRONMENT.matcher(name).matches();
    }

    /**
     * {@code environment}, if it is a valid environment name.
     *
     * @throws IllegalArgumentException naming the value and the rule
     */
    public static String checkEnvironment(String environment) {
        if (!isEnvironmentName(environment)) {
            throw new IllegalArgumentException(
                    "environment: '" + environment + "' (expected: " + ENVIRONMENT_RULE + ")");
        }
        return environment;
    }

    private static void checkIntMillis(long value, String name) {
        Arguments.checkPositive(value, name);
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: <= " + Integer.MAX_VALUE + ")");
        }
    }

    /** The registry scheme: the text before {@code ://}, or the whole address (e.g. {@code embedded}). */
    public String scheme() {
        int separator = address.indexOf("://");
        return separator > 0 ? address.substring(0, separator) : address;
    }

    /** Like the generated form, but never shows the digest password. */
    @Override
    public String toString() {
        return "RegistryOptions[address=" + address + ", root=" + root + ", sessionTimeoutMillis="
                + sessionTimeoutMillis + ", connectionTimeoutMillis=" + connectionTimeoutMillis + ", digestAuth="
                + (digestAuth.isEmpty() ? "" : "<hidden>") + ", cacheFile=" + cacheFile + ", emptyProtection="
                + emptyProtection + ", strictCacheFile=" + strictCacheFile + ", application=" + application
                + ", environment=" + environment + ", dubboInterfaces=" + dubboInterfaces + "]";
    }

    public static Builder builder(String address) {
        return new Builder(address);
    }

    /** A builder seeded with these options, for deriving a variant. */
    public Builder toBuilder() {
        return copyInto(new Builder(address));
    }

    private Builder copyInto(Builder builder) {
        return builder.root(root)
                .sessionTimeoutMillis(sessionTimeoutMillis)
                .connectionTimeoutMillis(connectionTimeoutMillis)
                .digestAuth(digestAuth)
                .cacheFile(cacheFile)
                .emptyProtection(emptyProtection)
                .strictCacheFile(strictCacheFile)
                .application(application)
                .environment(environment)
                .dubboInterfaces(dubboInterfaces);
    }

    /** Builds {@link RegistryOptions}; starts from the defaults. */
    public static final class Builder {
        private final String address;
        private String root = DEFAULT_ROOT;
        private long sessionTimeoutMillis = DEFAULT_SESSION_TIMEOUT_MILLIS;
        private long connectionTimeoutMillis = DEFAULT_CONNECTION_TIMEOUT_MILLIS;
        private String digestAuth = "";
        private Path cacheFile;
        private boolean emptyProtection = true;
        private boolean strictCacheFile;
        private String application = "";
        private String environment = DEFAULT_ENVIRONMENT;
        private Set<String> dubboInterfaces = Set.of();

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

        public Builder strictCacheFile(boolean strictCacheFile) {
            this.strictCacheFile = strictCacheFile;
            return this;
        }

        public Builder application(String application) {
            this.application = application;
            return this;
        }

        public Builder environment(String environment) {
            this.environment = environment;
            return this;
        }

        public Builder dubboInterfaces(Set<String> dubboInterfaces) {
            this.dubboInterfaces = dubboInterfaces;
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
                    emptyProtection,
                    strictCacheFile,
                    application,
                    environment,
                    dubboInterfaces);
        }
    }
}
