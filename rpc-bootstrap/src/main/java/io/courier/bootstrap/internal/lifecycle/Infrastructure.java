package io.courier.bootstrap.internal.lifecycle;

import io.courier.api.Endpoint;
import io.courier.api.config.ConfigKey;
import io.courier.api.coordination.Coordination;
import io.courier.api.proxy.ProxyFactory;
import io.courier.api.registry.Registry;
import io.courier.api.registry.RegistryFactory;
import io.courier.api.registry.RegistryOptions;
import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.CourierOptions;
import io.courier.bootstrap.config.ApplicationKeys;
import io.courier.bootstrap.config.RegistryKeys;
import io.courier.bootstrap.config.ServerKeys;
import io.courier.bootstrap.internal.config.Settings;
import io.courier.bootstrap.internal.consumer.EndpointLeases;
import io.courier.bootstrap.internal.consumer.ForcedMocks;
import io.courier.bootstrap.internal.provider.LeaderOnlyService;
import io.courier.bootstrap.internal.provider.LocalAddress;
import io.courier.bootstrap.internal.provider.ProviderSide;
import io.courier.bootstrap.internal.registry.ProviderListSubscriptions;
import io.courier.bootstrap.internal.registry.ProviderRegistrations;
import io.courier.bootstrap.internal.registry.ReachabilityGuard;
import io.courier.bootstrap.internal.settings.AllowLists;
import io.courier.bootstrap.internal.settings.ClusterSettings;
import io.courier.bootstrap.internal.settings.Extensions;
import io.courier.bootstrap.internal.settings.TransportSettings;
import io.courier.cluster.ClusterOptions;
import io.courier.cluster.Reachability;
import io.courier.filter.InFlightCalls;
import io.courier.filter.SharedObjects;
import io.courier.protocol.serialization.Serializers;
import io.courier.spi.ExtensionLoader;
import io.courier.transport.CallProtocolContext;
import io.courier.transport.TransportClient;
import io.courier.transport.TransportOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.opentelemetry.api.OpenTelemetry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every export and reference of one application shares: the configuration, the proxy
 * factory, the serializers, the filters' shared objects, the registry, and the server and client,
 * each started on first need. Closed in the order a graceful stop needs (see {@link #close()}).
 */
public final class Infrastructure implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);

    public final CourierOptions options;
    public final Settings settings;
    public final ProxyFactory proxyFactory;
    final Serializers serializers;
    public final AllowLists allowLists;
    /** The retry budget and ejection figures of every reference. */
    public final ClusterOptions clusterOptions;

    public final SharedObjects shared = new SharedObjects();
    /** The event broker, opened on first use and closed first. */
    public final ApplicationEvents events;
    /** The forced mocks' WARN and gauge, registered once per (service, mock). */
    public final ForcedMocks forcedMocks = new ForcedMocks();
    /** This machine's address as condition rules see it ({@code consumer.host}); looked up once. */
    public final String localHost = LocalAddress.firstSiteAddress();

    private final Reachability reachability = new Reachability();
    private final ProviderListSubscriptions subscriptions = new ProviderListSubscriptions();
    private final Registry registry;
    private final ProviderRegistrations registrations;
    private final InFlightCalls consumerCalls = new InFlightCalls();
    private final List<AutoCloseable> consumerResources = new ArrayList<>();
    private final List<AutoCloseable> providerResources = new ArrayList<>();
    private final List<LeaderOnlyService> leaderOnlyServices = new ArrayList<>();
    /** The admin endpoint, closed last: probes see the shutdown until it is over. */
    private AutoCloseable admin;

    private Coordination coordination;
    private ProviderSide provider;
    private TransportClient client;
    private EndpointLeases leases;
    /** The host application's loops for the client's connections, or {@code null} for the client's own. */
    private EventLoopGroup clientEventLoops;

    private Infrastructure(CourierOptions options, Settings settings) {
        this.options = options;
        this.settings = settings;
        this.events = new ApplicationEvents(options.application(), settings, shared);
        this.proxyFactory = Extensions.extension(ProxyFactory.class, options.proxy(), ApplicationKeys.PROXY);
        this.serializers = Serializers.installed();
        this.allowLists = new AllowLists(TransportSettings.protocol(settings), options.allowedPackages());
        this.clusterOptions = ClusterSettings.from(settings);
        this.registry = options.registry().map(Infrastructure::connect).orElse(null);
        this.registrations = new ProviderRegistrations(
                registry, options.registry().map(RegistryOptions::address).orElse(""));
    }

    /**
     * Resolves the extensions the configuration names and connects the registry, if any.
     *
     * @throws ConfigurationException if an extension is missing
     */
    public static Infrastructure create(CourierOptions options, Settings settings) {
        return new Infrastructure(options, settings);
    }

    private static Registry connect(RegistryOptions registry) {
        ExtensionLoader<RegistryFactory> loader = ExtensionLoader.of(RegistryFactory.class);
        if (!loader.has(registry.scheme())) {
            throw new ConfigurationException(RegistryKeys.REGISTRY_ADDRESS.name() + ": '" + registry.address()
                    + "' (expected: embedded, or an address whose scheme is a RegistryFactory extension on the class"
                    + " path: " + String.join(", ", loader.names()) + ")");
        }
        RegistryFactory factory =
                Extensions.extension(RegistryFactory.class, registry.scheme(), RegistryKeys.REGISTRY_ADDRESS);
        try {
            return factory.create(registry);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(RegistryKeys.REGISTRY_ADDRESS.name() + ": '" + registry.address()
                    + "' was refused by the registry: " + e.getMessage());
        } catch (IllegalStateException e) {
            // with strict-cache-file, an unreadable cache file; the message names the file and the defect
            throw new ConfigurationException(RegistryKeys.REGISTRY_CACHE_FILE.name() + ": " + e.getMessage() + " ["
                    + RegistryKeys.REGISTRY_STRICT_CACHE_FILE.name() + "=" + registry.strictCacheFile() + "]");
        }
    }

    /** The registry, or {@code null} when none is configured. */
    public Registry registry() {
        return registry;
    }

    /**
     * The registry as consumers' directories should use it: provider subscriptions learn which
     * providers this application can still reach. {@code null} when none is configured.
     */
    public Registry consumerRegistry() {
        return registry == null ? null : subscriptions.track(ReachabilityGuard.guard(registry, reachability));
    }

    /**
     * The registry's coordination (locks, semaphores, elections).
     *
     * @throws ConfigurationException if there is no registry, or it offers no coordination
     */
    public synchronized Coordination coordination() {
        if (coordination != null) {
            return coordination;
        }
        if (registry == null) {
            throw new ConfigurationException("coordination needs a registry (expected: "
                    + RegistryKeys.REGISTRY_ADDRESS.name() + " set, e.g. zookeeper://host:2181 or embedded)");
        }
        coordination = registry.coordination()
                .orElseThrow(
                        () -> new ConfigurationException(
                                RegistryKeys.REGISTRY_ADDRESS.name() + ": '"
                                        + options.registry().orElseThrow().address()
                                        + "' offers no coordination (expected: a ZooKeeper, etcd or Kubernetes registry: zookeeper://, embedded, etcd:// or kubernetes://)"));
        return coordination;
    }

    /** Stepped down first when the application stops: a service registered only while leading. */
    public synchronized void ownLeaderOnlyService(LeaderOnlyService service) {
        leaderOnlyServices.add(service);
    }

    /** The leader-only services not yet stepped down for the shutdown. */
    public synchronized List<LeaderOnlyService> leaderOnlyServices() {
        return List.copyOf(leaderOnlyServices);
    }

    /** The client if it was started, else {@code null}. */
    public synchronized TransportClient startedClient() {
        return client;
    }

    /** Makes {@code endpoint} the application's admin endpoint, closed after everything else. */
    public synchronized void ownAdmin(AutoCloseable endpoint) {
        admin = endpoint;
    }

    /** The admin endpoint, or {@code null} when it is off. */
    public synchronized AutoCloseable admin() {
        return admin;
    }

    /** The registry entries of the exported services, and the operator's switch over them. */
    public ProviderRegistrations registrations() {
        return registrations;
    }

    /** The counter every reference's calls go through, so that closing can wait for them. */
    public InFlightCalls consumerCalls() {
        return consumerCalls;
    }

    /** The server, started on first call. */
    public synchronized ProviderSide provider() {
        if (provider == null) {
            provider = ProviderSide.start(
                    options.server(),
                    settings.get(ServerKeys.SERVER_ADVERTISED_PORT),
                    TransportSettings.server(settings, options),
                    serializers,
                    ProviderSide.otherProtocols(settings));
        }
        return provider;
    }

    /** The server if it was started, else {@code null}. */
    public synchronized ProviderSide startedProvider() {
        return provider;
    }

    /** Leases on the client's connections; the client is started on first call. */
    public synchronized EndpointLeases leases() {
        if (client == null) {
            TransportOptions clientOptions = TransportSettings.client(settings, options).toBuilder()
                    .hostEventLoops(clientEventLoops)
                    .build();
            client = TransportClient.create(clientOptions, serializers);
            leases = new EndpointLeases(client, reachability, () -> new CallProtocolContext() {
                @Override
                public <T> T setting(ConfigKey<T> key) {
                    return settings.get(key);
                }

                @Override
                public TransportOptions clientOptions() {
                    return clientOptions;
                }
            });
            TransportClient connected = client;
            reachability.connections(endpoint -> connected.stats(endpoint).openConnections());
            reachability.transport(connected::reachable);
        }
        return leases;
    }

    /** The host application's event loops for the client's connections ({@code null}: the client's own); before the client starts. */
    public synchronized void clientEventLoops(EventLoopGroup group) {
        if (client != null) {
            throw new IllegalStateException("the client has started: its event loops are chosen");
        }
        this.clientEventLoops = group;
    }

    /** Hands the filters the application's telemetry (each may be null: an installer's, or none) before any chain is bound. */
    public void share(OpenTelemetry openTelemetry, MeterRegistry meterRegistry) {
        if (openTelemetry != null) {
            shared.register(OpenTelemetry.class, openTelemetry);
        } else {
            TelemetryInstallers.install(shared, options.application(), settings);
        }
        if (meterRegistry != null) {
            shared.register(MeterRegistry.class, meterRegistry);
        } else {
            TelemetryInstallers.installMeters(shared, options.application(), settings);
        }
    }

    /** Closed when the application stops, before the client: directories and subscriptions. */
    public synchronized void ownConsumerResource(AutoCloseable resource) {
        consumerResources.add(resource);
    }

    /** Closed when the application stops, after the server: configuration watches of exported services. */
    public synchronized void ownProviderResource(AutoCloseable resource) {
        providerResources.add(resource);
    }

    /** Stops gracefully, in the order {@link ShutdownSequence} describes. */
    @Override
    public void close() {
        // subscriptions first: they stop polling, finish the events in hand (which may still call
        // services) and commit, before calls drain and connections close
        closeQuietly(events);
        ShutdownSequence.Parts parts;
        synchronized (this) {
            parts = new ShutdownSequence.Parts(
                    subscriptions::stopFollowing,
                    registrations,
                    provider,
                    ownConnections(provider, client),
                    new ArrayList<>(providerResources),
                    consumerCalls,
                    new ArrayList<>(consumerResources),
                    client == null ? null : closing(client, leases),
                    shared,
                    registry,
                    new ArrayList<AutoCloseable>(leaderOnlyServices),
                    coordination);
            providerResources.clear();
            leaderOnlyServices.clear();
            consumerResources.clear();
        }
        try {
            new ShutdownSequence(
                            options.shutdownTimeoutMillis(),
                            settings.get(ApplicationKeys.SHUTDOWN_UNREGISTER_WAIT_MILLIS))
                    .run(parts);
        } finally {
            closeQuietly(admin());
        }
    }

    /** The server's connections that this application's own client opened: its references calling it. */
    private static IntSupplier ownConnections(ProviderSide provider, TransportClient client) {
        if (provider == null || client == null) {
            return () -> 0;
        }
        Endpoint self = provider.endpoint();
        return () -> client.stats(self).openConnections();
    }

    /** Courier's client, then the call protocols of other frameworks' providers. */
    private static AutoCloseable closing(TransportClient client, EndpointLeases leases) {
        return () -> {
            closeQuietly(client);
            closeQuietly(leases);
        };
    }

    public static void closeQuietly(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("Failed to close {}", resource, e);
        }
    }
}
