package io.courier.bootstrap.internal.refer;

import io.courier.api.Invoker;
import io.courier.api.ReferenceOptions;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.cluster.Directory;
import io.courier.api.registry.Registry;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.config.RegistryKeys;
import io.courier.bootstrap.config.ServiceKeys;
import io.courier.bootstrap.internal.consumer.CallProtocols;
import io.courier.bootstrap.internal.consumer.EndpointLeases;
import io.courier.bootstrap.internal.consumer.ForcedMocks;
import io.courier.bootstrap.internal.consumer.LiveTimeout;
import io.courier.bootstrap.internal.lifecycle.Infrastructure;
import io.courier.bootstrap.internal.lifecycle.StreamMeters;
import io.courier.bootstrap.internal.settings.AutoSerializers;
import io.courier.bootstrap.internal.settings.BreakerSettings;
import io.courier.bootstrap.internal.settings.Extensions;
import io.courier.cluster.CircuitBreakers;
import io.courier.cluster.ClusterBuilder;
import io.courier.cluster.FallbackInvoker;
import io.courier.cluster.FirstProviderWait;
import io.courier.cluster.LiveCluster;
import io.courier.cluster.RegistryDirectory;
import io.courier.cluster.StaticDirectory;
import io.courier.filter.FilterChains;
import io.courier.filter.ServiceFilterContext;
import io.courier.filter.metrics.MeterRegistries;
import io.courier.spi.Side;
import io.courier.transport.CallOptions;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Builds the consumer side of one reference, once:
 *
 * <pre>
 * proxy -&gt; consumer filter chain -&gt; cluster invoker (directory, routers, load balancer, retries)
 *       -&gt; per-instance invoker (lease, reachability, ejection, circuit breaker) -&gt; transport client
 * </pre>
 *
 * The directory is static for direct addresses ({@code @Reference(url = ...)}) and fed by the
 * registry otherwise; then the reference's first call waits (up to {@code
 * courier.registry.first-list-wait-millis}, from that call) until the registry lists a provider, wherever
 * and whenever the reference was made, and {@link #create} itself waits only for a {@code required}
 * reference (failing without a provider). With a fallback, the fallback's dispatcher answers when the chain gives up.
 * With a forced mock, the mock's dispatcher replaces the cluster: no provider is looked up or called.
 */
public final class ReferenceFactory {

    private final Infrastructure infrastructure;

    public ReferenceFactory(Infrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    /**
     * A reference's proxy and the directory of providers it chooses from; {@code directory} is null
     * for a forced mock, which calls no provider.
     */
    public record Created(Object proxy, ServiceKey key, Directory directory, boolean direct) {

        /** How many provider instances the reference may call now. */
        public int providers() {
            return directory == null ? 0 : directory.candidates().size();
        }
    }

    /**
     * A proxy of {@code serviceInterface} calling providers as {@code options} say.
     *
     * @param where what asked for the reference, for messages
     * @throws ConfigurationException if there is no way to find providers, or an extension is missing
     */
    public <T> Created create(Class<T> serviceInterface, ReferenceOptions options, String where) {
        ServiceDescriptor descriptor = describe(serviceInterface, options, where);
        ServiceKey key = ServiceKey.of(options.group(), serviceInterface, options.version());
        if (options.forceMock() != null) {
            return forced(serviceInterface, key, descriptor, options, where);
        }
        Object fallback = options.fallback() == null
                ? null
                : instantiate("fallback", options.fallback(), serviceInterface, where);
        Wired wired = wire(key, descriptor, options, where, fallback);
        T proxy = infrastructure.proxyFactory.createProxy(
                serviceInterface,
                key,
                descriptor,
                infrastructure.consumerCalls().track(wired.chain()));
        awaitRequired(options, where, wired);
        return new Created(
                proxy, key, wired.directory(), !options.directEndpoints().isEmpty());
    }

    /**
     * The consumer chain of a service known only by its {@code descriptor} (a generic one, built from
     * metadata): the same filters, cluster and transport a proxy calls, without the proxy.
     */
    Invoker createGeneric(ServiceKey key, ServiceDescriptor descriptor, ReferenceOptions options, String where) {
        Wired wired = wire(key, descriptor, options, where, null);
        awaitRequired(options, where, wired);
        return infrastructure.consumerCalls().track(wired.chain());
    }

    /** A reference's consumer chain and its directory. */
    private record Wired(Invoker chain, Directory directory) {}

    private Wired wire(
            ServiceKey key, ServiceDescriptor descriptor, ReferenceOptions options, String where, Object fallback) {
        Registry registry = infrastructure.registry();
        if (options.directEndpoints().isEmpty() && registry == null) {
            throw new ConfigurationException(where + ": no way to find providers of " + key
                    + " (expected: a direct address such as @Reference(url = \"courier://127.0.0.1:20880\"), or a"
                    + " registry: courier.registry.address)");
        }
        // Resolve every named extension before opening anything.
        CallProtocols.check(options.protocol(), where);
        Extensions.extension(io.courier.api.cluster.Cluster.class, options.cluster(), ServiceKeys.CONSUMER_CLUSTER);
        Extensions.extension(
                io.courier.api.cluster.LoadBalancer.class, options.loadBalancer(), ServiceKeys.CONSUMER_LOAD_BALANCER);
        DeserializationPolicy policy = infrastructure.allowLists.of(descriptor);
        // 'auto' may stand for two serializers; each provider instance gets the first it lists
        List<String> serializers = AutoSerializers.expand(List.of(options.serializer()));
        List<CallOptions> calls = callOptions(descriptor, options, policy, serializers);

        ServiceFilterContext context = filterContext(key, descriptor, options);
        Directory directory = directory(key, options, context, serializers, calls);
        infrastructure.ownConsumerResource(directory);
        if (registry != null) {
            infrastructure.ownConsumerResource(registry.watchConfig(key, context::publish));
            countRejectedConfigurations(context, registry);
        }

        Invoker chain = chain(key, descriptor, options, context, directory, fallback);
        return new Wired(chain, directory);
    }

    /** One call option per serializer {@code serializers} names, in order. */
    private List<CallOptions> callOptions(
            ServiceDescriptor descriptor,
            ReferenceOptions options,
            DeserializationPolicy policy,
            List<String> serializers) {
        List<CallOptions> calls = new ArrayList<>(serializers.size());
        for (String name : serializers) {
            calls.add(new CallOptions(
                    Extensions.serializer(
                            name,
                            ServiceKeys.CONSUMER_SERIALIZER,
                            descriptor,
                            policy,
                            AutoSerializers.preparedInBackground(List.of(options.serializer()), name)),
                    policy,
                    options.timeoutMillis(),
                    options.connections()));
        }
        return calls;
    }

    /** The providers' invokers, from the registry or the direct addresses, each leased per endpoint. */
    private Directory directory(
            ServiceKey key,
            ReferenceOptions options,
            ServiceFilterContext context,
            List<String> serializers,
            List<CallOptions> calls) {
        CircuitBreakers breakers = BreakerSettings.bind(context);
        EndpointLeases leases = infrastructure.leases();
        MeterRegistries.find(context)
                .ifPresent(meters -> StreamMeters.bind(
                        meters, "consumer", infrastructure.startedClient().streamStats()));
        LiveTimeout timeout = new LiveTimeout(options.timeoutMillis());
        context.onDynamicConfig(timeout);
        Function<ServiceInstance, Invoker> invokers = registryInstance -> {
            ServiceInstance instance = CallProtocols.chosen(
                    registryInstance,
                    options.protocol(),
                    !options.directEndpoints().isEmpty());
            int choice = AutoSerializers.choiceFor(instance, serializers);
            int meanwhile = AutoSerializers.whileNotReady(instance, serializers, choice);
            return leases.lease(
                    instance,
                    calls.get(choice),
                    meanwhile < 0 ? null : calls.get(meanwhile),
                    timeout,
                    breakers,
                    options.directEndpoints().isEmpty());
        };
        return options.directEndpoints().isEmpty()
                ? RegistryDirectory.subscribe(
                        infrastructure.consumerRegistry(), key, invokers, infrastructure.clusterOptions)
                : StaticDirectory.ofEndpoints(key, options.directEndpoints(), invokers, infrastructure.clusterOptions);
    }

    /** The cluster over {@code directory}, then the filters, the fallback and the wait for a first provider. */
    private Invoker chain(
            ServiceKey key,
            ServiceDescriptor descriptor,
            ReferenceOptions options,
            ServiceFilterContext context,
            Directory directory,
            Object fallback) {
        // Rebuilt when the dynamic configuration sets other retries or another load balancer.
        LiveCluster cluster = LiveCluster.of(directory, options, effective -> ClusterBuilder.of(directory, effective)
                .application(infrastructure.options.application())
                .host(infrastructure.localHost)
                .clusterOptions(infrastructure.clusterOptions));
        infrastructure.ownConsumerResource(cluster);
        // Weakly held by the registry: the gauges go when the reference does.
        MeterRegistries.find(context).ifPresent(meters -> {
            Gauge.builder("courier.cluster.unreachable", cluster, LiveCluster::unreachable)
                    .description("Instances of the service that cannot take calls now: unreachable,"
                            + " still connecting, or ejected")
                    .tag("service", key.toString())
                    .register(meters);
            Gauge.builder("courier.cluster.ready", cluster, LiveCluster::ready)
                    .description("Instances of the service that can take calls now: listed, connected, not"
                            + " ejected (0: every call fails; the CourierNoReadyProvider alert)")
                    .tag("service", key.toString())
                    .register(meters);
        });
        Invoker chain = FilterChains.build(context, cluster);
        if (fallback != null) {
            chain = FallbackInvoker.of(chain, infrastructure.proxyFactory.createDispatcher(fallback, descriptor));
        }
        if (options.directEndpoints().isEmpty()) {
            // outermost, so that no filter's clock (deadline, span, timer) runs during the wait
            chain = FirstProviderWait.of(
                    chain,
                    directory,
                    infrastructure.settings.get(RegistryKeys.REGISTRY_FIRST_LIST_WAIT_MILLIS),
                    infrastructure.settings.get(RegistryKeys.REGISTRY_FIRST_READY_WAIT_MILLIS),
                    RegistryKeys.REGISTRY_FIRST_LIST_WAIT_MILLIS.name());
        }
        return chain;
    }

    /**
     * For a {@code required} reference found through the registry, waits (up to {@code
     * courier.registry.first-list-wait-millis}) until a provider is listed, failing without one.
     */
    /**
     * One {@code courier.config.rejected} counter and one {@code courier.registry.connected} gauge per
     * application (same name, no tags): the first reference registers them, later ones find it there (registering again would only make Micrometer
     * warn of the duplicate).
     */
    private static void countRejectedConfigurations(ServiceFilterContext context, Registry registry) {
        MeterRegistries.find(context).ifPresent(meters -> {
            synchronized (meters) {
                if (meters.find("courier.config.rejected").functionCounter() == null) {
                    FunctionCounter.builder("courier.config.rejected", registry, Registry::rejectedConfigurations)
                            .description("Configuration documents refused by the registry; the configuration in"
                                    + " force stayed each time")
                            .register(meters);
                    Gauge.builder("courier.registry.connected", registry, connected -> connected.isConnected() ? 1 : 0)
                            .description("1 while the registry reaches its store, 0 while it does not (lists"
                                    + " and registrations are then served from caches and retried)")
                            .register(meters);
                }
            }
        });
    }

    private void awaitRequired(ReferenceOptions options, String where, Wired wired) {
        if (!options.required() || !options.directEndpoints().isEmpty()) {
            return;
        }
        long waitMillis = infrastructure.settings.get(RegistryKeys.REGISTRY_FIRST_LIST_WAIT_MILLIS);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        RequiredProvider.await(wired.directory(), where, waitMillis, deadline);
    }

    /**
     * A reference whose calls the forced mock answers through the consumer filters; no directory, no
     * registry subscription, no connection. Announced with a WARN and a gauge (see {@link ForcedMocks}).
     */
    private <T> Created forced(
            Class<T> serviceInterface,
            ServiceKey key,
            ServiceDescriptor descriptor,
            ReferenceOptions options,
            String where) {
        Object mock = instantiate("forceMock", options.forceMock(), serviceInterface, where);
        ServiceFilterContext context = filterContext(key, descriptor, options);
        Invoker chain = FilterChains.build(context, infrastructure.proxyFactory.createDispatcher(mock, descriptor));
        infrastructure.ownConsumerResource(
                infrastructure.forcedMocks.activate(context, key, options.forceMock(), where));
        T proxy = infrastructure.proxyFactory.createProxy(
                serviceInterface,
                key,
                descriptor,
                infrastructure.consumerCalls().track(chain));
        return new Created(proxy, key, null, false);
    }

    private ServiceFilterContext filterContext(ServiceKey key, ServiceDescriptor descriptor, ReferenceOptions options) {
        return ServiceFilterContext.builder(Side.CONSUMER, key, descriptor)
                .application(infrastructure.options.application())
                .properties(infrastructure.settings::textOrNull)
                .origins(infrastructure.settings::originOrNull)
                .referenceOptions(options)
                .shared(infrastructure.shared)
                .build();
    }

    private static ServiceDescriptor describe(Class<?> serviceInterface, ReferenceOptions options, String where) {
        try {
            return ServiceDescriptor.of(serviceInterface, options.onewayMethods());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(where + ": " + e.getMessage());
        }
    }

    private static Object instantiate(String attribute, Class<?> type, Class<?> serviceInterface, String where) {
        if (!serviceInterface.isAssignableFrom(type) || type.isInterface()) {
            throw new ConfigurationException(where + ": " + attribute + " = " + type.getName() + " (expected: a class"
                    + " implementing " + serviceInterface.getName() + ")");
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ConfigurationException(where + ": " + attribute + " = " + type.getName()
                    + " cannot be created (expected: a constructor without arguments): " + e);
        }
    }
}
