package io.courier.bootstrap;

import io.courier.api.Directory;
import io.courier.api.Invoker;
import io.courier.api.ReferenceOptions;
import io.courier.api.Registry;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.cluster.ClusterBuilder;
import io.courier.cluster.FallbackInvoker;
import io.courier.cluster.RegistryDirectory;
import io.courier.cluster.StaticDirectory;
import io.courier.filter.FilterChains;
import io.courier.filter.ServiceFilterContext;
import io.courier.filter.breaker.CircuitBreakers;
import io.courier.spi.Side;
import io.courier.transport.CallOptions;
import java.lang.reflect.Constructor;
import java.util.function.Function;

/**
 * Builds the consumer side of one reference, once:
 *
 * <pre>
 * proxy -&gt; consumer filter chain -&gt; cluster invoker (directory, routers, load balancer, retries)
 *       -&gt; per-instance invoker (circuit breaker, if enabled) -&gt; transport client
 * </pre>
 *
 * The directory is static for direct addresses ({@code @Reference(url = ...)}) and fed by the
 * registry otherwise; then {@link #create} waits (up to {@code courier.registry.first-list-wait-millis})
 * for the registry's first provider list. With a fallback, the fallback's dispatcher answers when the chain gives up.
 */
final class ReferenceFactory {

    private final Infrastructure infrastructure;

    ReferenceFactory(Infrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    /**
     * A proxy of {@code serviceInterface} calling providers as {@code options} say.
     *
     * @param where what asked for the reference, for messages
     * @throws ConfigurationException if there is no way to find providers, or an extension is missing
     */
    <T> T create(Class<T> serviceInterface, ReferenceOptions options, String where) {
        ServiceDescriptor descriptor = describe(serviceInterface, options, where);
        ServiceKey key = ServiceKey.of(options.group(), serviceInterface, options.version());
        Object fallback = options.fallback() == null ? null : fallback(options.fallback(), serviceInterface, where);
        FirstList firstList = new FirstList();
        Invoker chain = chain(key, descriptor, options, where, fallback, firstList);
        T proxy = infrastructure.proxyFactory.createProxy(
                serviceInterface,
                key,
                descriptor,
                infrastructure.consumerCalls().track(chain));
        if (options.directEndpoints().isEmpty()) {
            firstList.await(key, infrastructure.settings.get(ConfigKeys.REGISTRY_FIRST_LIST_WAIT_MILLIS));
        }
        return proxy;
    }

    /**
     * The consumer chain of a service known only by its {@code descriptor} (a generic one, built from
     * metadata): the same filters, cluster and transport a proxy calls, without the proxy.
     */
    Invoker createGeneric(ServiceKey key, ServiceDescriptor descriptor, ReferenceOptions options, String where) {
        FirstList firstList = new FirstList();
        Invoker chain = chain(key, descriptor, options, where, null, firstList);
        if (options.directEndpoints().isEmpty()) {
            firstList.await(key, infrastructure.settings.get(ConfigKeys.REGISTRY_FIRST_LIST_WAIT_MILLIS));
        }
        return infrastructure.consumerCalls().track(chain);
    }

    private Invoker chain(
            ServiceKey key,
            ServiceDescriptor descriptor,
            ReferenceOptions options,
            String where,
            Object fallback,
            FirstList firstList) {
        Registry registry = infrastructure.registry();
        if (options.directEndpoints().isEmpty() && registry == null) {
            throw new ConfigurationException(where + ": no way to find providers of " + key
                    + " (expected: a direct address such as @Reference(url = \"courier://127.0.0.1:20880\"), or a"
                    + " registry: courier.registry.address)");
        }
        // Resolve every named extension before opening anything.
        Infrastructure.extension(io.courier.api.Cluster.class, options.cluster(), ConfigKeys.CONSUMER_CLUSTER);
        Infrastructure.extension(
                io.courier.api.LoadBalancer.class, options.loadBalancer(), ConfigKeys.CONSUMER_LOAD_BALANCER);
        CallOptions call = new CallOptions(
                infrastructure.serializer(options.serializer(), ConfigKeys.CONSUMER_SERIALIZER),
                infrastructure.allowLists.of(descriptor),
                options.timeoutMillis(),
                options.connections());

        ServiceFilterContext context = ServiceFilterContext.builder(Side.CONSUMER, key, descriptor)
                .application(infrastructure.options.application())
                .properties(infrastructure.settings::textOrNull)
                .referenceOptions(options)
                .shared(infrastructure.shared)
                .build();
        CircuitBreakers breakers = CircuitBreakers.bind(context);
        EndpointLeases leases = infrastructure.leases();
        Function<ServiceInstance, Invoker> invokers = instance -> leases.lease(
                instance.endpoint(),
                call,
                invoker -> breakers.decorate(instance.endpoint(), invoker),
                options.directEndpoints().isEmpty());
        Directory directory = options.directEndpoints().isEmpty()
                ? RegistryDirectory.subscribe(
                        firstList.watch(infrastructure.consumerRegistry()),
                        key,
                        invokers,
                        infrastructure.clusterOptions)
                : StaticDirectory.ofEndpoints(key, options.directEndpoints(), invokers, infrastructure.clusterOptions);
        infrastructure.ownConsumerResource(directory);
        if (registry != null) {
            infrastructure.ownConsumerResource(registry.watchConfig(key, context::publish));
        }

        Invoker cluster = ClusterBuilder.of(directory, options)
                .application(infrastructure.options.application())
                .host(infrastructure.localHost)
                .clusterOptions(infrastructure.clusterOptions)
                .build();
        Invoker chain = FilterChains.build(context, cluster);
        if (fallback != null) {
            chain = FallbackInvoker.of(chain, infrastructure.proxyFactory.createDispatcher(fallback, descriptor));
        }
        return chain;
    }

    private static ServiceDescriptor describe(Class<?> serviceInterface, ReferenceOptions options, String where) {
        try {
            return ServiceDescriptor.of(serviceInterface, options.onewayMethods());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(where + ": " + e.getMessage());
        }
    }

    private static Object fallback(Class<?> type, Class<?> serviceInterface, String where) {
        if (!serviceInterface.isAssignableFrom(type)) {
            throw new ConfigurationException(where + ": fallback = " + type.getName() + " (expected: a class"
                    + " implementing " + serviceInterface.getName() + ")");
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new ConfigurationException(where + ": fallback = " + type.getName()
                    + " cannot be created (expected: a constructor without arguments): " + e);
        }
    }
}
