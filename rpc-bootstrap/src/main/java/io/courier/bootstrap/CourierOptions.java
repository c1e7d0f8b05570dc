package io.courier.bootstrap;

import io.courier.api.ReferenceOptions;
import io.courier.api.ServiceOptions;
import io.courier.api.config.ConfigKey;
import io.courier.api.registry.RegistryOptions;
import io.courier.bootstrap.config.ApplicationKeys;
import io.courier.bootstrap.config.MockSetting;
import io.courier.bootstrap.config.RegistryKeys;
import io.courier.bootstrap.config.ServerKeys;
import io.courier.bootstrap.config.ServiceKeys;
import io.courier.bootstrap.internal.config.ServiceOverride;
import io.courier.bootstrap.internal.config.Settings;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The application's resolved configuration, after every source has been merged by precedence and
 * validated (see {@code docs/configuration.md}). Immutable. Per-service values (annotations and
 * {@code courier.service.<interface>.*} keys) are applied on top of {@link #consumerDefaults()} and
 * {@link #providerDefaults()} when each service is referenced or exported.
 *
 * @param application the application name
 * @param server how the provider side listens
 * @param registry the registry, or empty for direct connections only
 * @param consumerDefaults the options of every reference unless overridden
 * @param providerDefaults the options of every export unless overridden
 * @param scanPackages packages scanned for {@code @Export} classes
 * @param allowedPackages packages whose classes may be deserialized besides the service types
 * @param proxy the {@code ProxyFactory} extension name
 * @param shutdownHook whether a JVM shutdown hook closes the application
 * @param shutdownTimeoutMillis how long closing waits for in-flight calls
 */
public record CourierOptions(
        String application,
        ServerOptions server,
        Optional<RegistryOptions> registry,
        ReferenceOptions consumerDefaults,
        ServiceOptions providerDefaults,
        List<String> scanPackages,
        List<String> allowedPackages,
        String proxy,
        boolean shutdownHook,
        long shutdownTimeoutMillis) {

    public CourierOptions {
        scanPackages = List.copyOf(scanPackages);
        allowedPackages = List.copyOf(allowedPackages);
    }

    /** Builds the typed options from validated settings. */
    public static CourierOptions from(Settings settings) {
        ServerOptions server = ServerOptions.builder()
                .host(settings.get(ServerKeys.SERVER_HOST))
                .port(settings.get(ServerKeys.SERVER_PORT))
                .advertisedHost(settings.get(ServerKeys.SERVER_ADVERTISED_HOST))
                .ioThreads(settings.get(ServerKeys.SERVER_IO_THREADS))
                .threads(settings.get(ServerKeys.SERVER_THREADS))
                .queueCapacity(settings.get(ServerKeys.SERVER_QUEUE_CAPACITY))
                .maxConnections(settings.get(ServerKeys.SERVER_MAX_CONNECTIONS))
                .frameDeadlineMillis(settings.get(ServerKeys.SERVER_FRAME_DEADLINE_MILLIS))
                .build();
        String address = settings.get(RegistryKeys.REGISTRY_ADDRESS);
        Optional<RegistryOptions> registry = address.isEmpty()
                ? Optional.empty()
                : Optional.of(RegistryOptions.builder(address)
                        .root(settings.get(RegistryKeys.REGISTRY_ROOT))
                        .sessionTimeoutMillis(settings.get(RegistryKeys.REGISTRY_SESSION_TIMEOUT_MILLIS))
                        .connectionTimeoutMillis(settings.get(RegistryKeys.REGISTRY_CONNECTION_TIMEOUT_MILLIS))
                        .digestAuth(settings.get(RegistryKeys.REGISTRY_DIGEST_AUTH))
                        .cacheFile(settings.get(RegistryKeys.REGISTRY_CACHE_FILE))
                        .emptyProtection(settings.get(RegistryKeys.REGISTRY_EMPTY_PROTECTION))
                        .strictCacheFile(settings.get(RegistryKeys.REGISTRY_STRICT_CACHE_FILE))
                        // named in this process's consumer nodes, for operators
                        .application(settings.get(ApplicationKeys.APPLICATION_NAME))
                        .environment(settings.get(RegistryKeys.ENVIRONMENT))
                        .dubboInterfaces(Set.copyOf(settings.get(RegistryKeys.REGISTRY_DUBBO_PROVIDERS)))
                        .build());
        return new CourierOptions(
                settings.get(ApplicationKeys.APPLICATION_NAME),
                server,
                registry,
                consumerDefaults(settings, null),
                providerDefaults(settings, null),
                settings.get(ApplicationKeys.SCAN_PACKAGES),
                settings.get(ApplicationKeys.ALLOWED_PACKAGES),
                settings.get(ApplicationKeys.PROXY),
                settings.get(ApplicationKeys.SHUTDOWN_HOOK),
                settings.get(ApplicationKeys.SHUTDOWN_TIMEOUT_MILLIS));
    }

    /** The consumer options from configuration for {@code interfaceName}, or the application-wide ones for {@code null}. */
    public static ReferenceOptions consumerDefaults(Settings settings, String interfaceName) {
        Lookup lookup = new Lookup(settings, interfaceName);
        ReferenceOptions.Builder builder = ReferenceOptions.builder()
                .group(lookup.get(ServiceKeys.CONSUMER_GROUP))
                .version(lookup.get(ServiceKeys.CONSUMER_VERSION))
                .timeoutMillis(lookup.get(ServiceKeys.CONSUMER_TIMEOUT_MILLIS))
                .retries(lookup.get(ServiceKeys.CONSUMER_RETRIES))
                .cluster(lookup.get(ServiceKeys.CONSUMER_CLUSTER))
                .loadBalancer(lookup.get(ServiceKeys.CONSUMER_LOAD_BALANCER))
                .serializer(lookup.get(ServiceKeys.CONSUMER_SERIALIZER))
                .connections(lookup.get(ServiceKeys.CONSUMER_CONNECTIONS))
                .tag(lookup.get(ServiceKeys.CONSUMER_TAG))
                .forceTag(lookup.get(ServiceKeys.CONSUMER_FORCE_TAG))
                .required(lookup.get(ServiceKeys.CONSUMER_REQUIRED))
                .protocol(lookup.get(ServiceKeys.CONSUMER_PROTOCOL));
        lookup.get(ServiceKeys.CONSUMER_URL).applyTo(builder);
        applyMock(lookup.get(ServiceKeys.CONSUMER_MOCK), builder, lookup.keyName(ServiceKeys.CONSUMER_MOCK));
        return builder.build();
    }

    /**
     * Sets the forced mock or the fallback of {@code builder} to the class {@code mock} names.
     *
     * @param key the key that set it, for messages
     * @throws ConfigurationException if the class cannot be found
     */
    private static void applyMock(MockSetting mock, ReferenceOptions.Builder builder, String key) {
        if (mock.className().isEmpty()) {
            return;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?> type;
        try {
            type = Class.forName(mock.className(), false, loader != null ? loader : MockSetting.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigurationException(key + ": '" + mock.text()
                    + "' (expected: a class on the class path implementing the service interface; " + e + ")");
        }
        if (mock.force()) {
            builder.forceMock(type);
        } else {
            builder.fallback(type);
        }
    }

    /** The provider options from configuration for {@code interfaceName}, or the application-wide ones for {@code null}. */
    public static ServiceOptions providerDefaults(Settings settings, String interfaceName) {
        Lookup lookup = new Lookup(settings, interfaceName);
        Set<String> tags = new HashSet<>(lookup.get(ServiceKeys.PROVIDER_TAGS));
        return ServiceOptions.builder()
                .group(lookup.get(ServiceKeys.PROVIDER_GROUP))
                .version(lookup.get(ServiceKeys.PROVIDER_VERSION))
                .weight(lookup.get(ServiceKeys.PROVIDER_WEIGHT))
                .tags(tags)
                .serializers(lookup.get(ServiceKeys.PROVIDER_SERIALIZERS))
                .executor(lookup.get(ServiceKeys.PROVIDER_EXECUTOR))
                .warmupMillis(lookup.get(ServiceKeys.PROVIDER_WARMUP_MILLIS))
                .leaderGroup(lookup.get(ServiceKeys.PROVIDER_LEADER_GROUP))
                .build();
    }

    /** Reads a key application-wide, or for one service when an interface is given. */
    private record Lookup(Settings settings, String interfaceName) {
        <T> T get(ConfigKey<T> key) {
            return interfaceName == null ? settings.get(key) : settings.forService(interfaceName, key);
        }

        /** The key a value came from, for messages (the per-service key when one is set). */
        String keyName(ConfigKey<?> key) {
            if (interfaceName != null) {
                String serviceKey = ServiceOverride.keyFor(interfaceName, key);
                if (settings.text(serviceKey).isPresent()) {
                    return serviceKey;
                }
            }
            return key.name();
        }
    }
}
