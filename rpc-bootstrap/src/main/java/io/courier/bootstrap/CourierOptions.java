package io.courier.bootstrap;

import io.courier.api.ReferenceOptions;
import io.courier.api.RegistryOptions;
import io.courier.api.ServiceOptions;
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
    static CourierOptions from(Settings settings) {
        ServerOptions server = ServerOptions.builder()
                .host(settings.get(ConfigKeys.SERVER_HOST))
                .port(settings.get(ConfigKeys.SERVER_PORT))
                .advertisedHost(settings.get(ConfigKeys.SERVER_ADVERTISED_HOST))
                .ioThreads(settings.get(ConfigKeys.SERVER_IO_THREADS))
                .threads(settings.get(ConfigKeys.SERVER_THREADS))
                .queueCapacity(settings.get(ConfigKeys.SERVER_QUEUE_CAPACITY))
                .maxConnections(settings.get(ConfigKeys.SERVER_MAX_CONNECTIONS))
                .frameDeadlineMillis(settings.get(ConfigKeys.SERVER_FRAME_DEADLINE_MILLIS))
                .build();
        String address = settings.get(ConfigKeys.REGISTRY_ADDRESS);
        Optional<RegistryOptions> registry = address.isEmpty()
                ? Optional.empty()
                : Optional.of(RegistryOptions.builder(address)
                        .root(settings.get(ConfigKeys.REGISTRY_ROOT))
                        .sessionTimeoutMillis(settings.get(ConfigKeys.REGISTRY_SESSION_TIMEOUT_MILLIS))
                        .connectionTimeoutMillis(settings.get(ConfigKeys.REGISTRY_CONNECTION_TIMEOUT_MILLIS))
                        .digestAuth(settings.get(ConfigKeys.REGISTRY_DIGEST_AUTH))
                        .cacheFile(settings.get(ConfigKeys.REGISTRY_CACHE_FILE))
                        .emptyProtection(settings.get(ConfigKeys.REGISTRY_EMPTY_PROTECTION))
                        .strictCacheFile(settings.get(ConfigKeys.REGISTRY_STRICT_CACHE_FILE))
                        // named in this process's consumer nodes, for operators
                        .application(settings.get(ConfigKeys.APPLICATION_NAME))
                        .environment(settings.get(ConfigKeys.ENVIRONMENT))
                        .build());
        return new CourierOptions(
                settings.get(ConfigKeys.APPLICATION_NAME),
                server,
                registry,
                consumerDefaults(settings, null),
                providerDefaults(settings, null),
                settings.get(ConfigKeys.SCAN_PACKAGES),
                settings.get(ConfigKeys.ALLOWED_PACKAGES),
                settings.get(ConfigKeys.PROXY),
                settings.get(ConfigKeys.SHUTDOWN_HOOK),
                settings.get(ConfigKeys.SHUTDOWN_TIMEOUT_MILLIS));
    }

    /** The consumer options from configuration for {@code interfaceName}, or the application-wide ones for {@code null}. */
    static ReferenceOptions consumerDefaults(Settings settings, String interfaceName) {
        Lookup lookup = new Lookup(settings, interfaceName);
        ReferenceOptions.Builder builder = ReferenceOptions.builder()
                .group(lookup.get(ConfigKeys.CONSUMER_GROUP))
                .version(lookup.get(ConfigKeys.CONSUMER_VERSION))
                .timeoutMillis(lookup.get(ConfigKeys.CONSUMER_TIMEOUT_MILLIS))
                .retries(lookup.get(ConfigKeys.CONSUMER_RETRIES))
                .cluster(lookup.get(ConfigKeys.CONSUMER_CLUSTER))
                .loadBalancer(lookup.get(ConfigKeys.CONSUMER_LOAD_BALANCER))
                .serializer(lookup.get(ConfigKeys.CONSUMER_SERIALIZER))
                .connections(lookup.get(ConfigKeys.CONSUMER_CONNECTIONS))
                .tag(lookup.get(ConfigKeys.CONSUMER_TAG))
                .forceTag(lookup.get(ConfigKeys.CONSUMER_FORCE_TAG))
                .required(lookup.get(ConfigKeys.CONSUMER_REQUIRED))
                .directEndpoints(lookup.get(ConfigKeys.CONSUMER_URL));
        lookup.get(ConfigKeys.CONSUMER_MOCK).applyTo(builder, lookup.keyName(ConfigKeys.CONSUMER_MOCK));
        return builder.build();
    }

    /** The provider options from configuration for {@code interfaceName}, or the application-wide ones for {@code null}. */
    static ServiceOptions providerDefaults(Settings settings, String interfaceName) {
        Lookup lookup = new Lookup(settings, interfaceName);
        Set<String> tags = new HashSet<>(lookup.get(ConfigKeys.PROVIDER_TAGS));
        return ServiceOptions.builder()
                .group(lookup.get(ConfigKeys.PROVIDER_GROUP))
                .version(lookup.get(ConfigKeys.PROVIDER_VERSION))
                .weight(lookup.get(ConfigKeys.PROVIDER_WEIGHT))
                .tags(tags)
                .serializers(lookup.get(ConfigKeys.PROVIDER_SERIALIZERS))
                .executor(lookup.get(ConfigKeys.PROVIDER_EXECUTOR))
                .warmupMillis(lookup.get(ConfigKeys.PROVIDER_WARMUP_MILLIS))
                .leaderGroup(lookup.get(ConfigKeys.PROVIDER_LEADER_GROUP))
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
