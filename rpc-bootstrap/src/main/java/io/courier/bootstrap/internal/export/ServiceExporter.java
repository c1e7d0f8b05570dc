package io.courier.bootstrap.internal.export;

import io.courier.api.Endpoint;
import io.courier.api.Invoker;
import io.courier.api.MethodDescriptor;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceOptions;
import io.courier.api.registry.Registry;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.admin.AdminServer;
import io.courier.bootstrap.config.RegistryKeys;
import io.courier.bootstrap.config.ServiceKeys;
import io.courier.bootstrap.internal.lifecycle.Infrastructure;
import io.courier.bootstrap.internal.lifecycle.StreamMeters;
import io.courier.bootstrap.internal.provider.LeaderOnlyService;
import io.courier.bootstrap.internal.provider.ProviderSide;
import io.courier.bootstrap.internal.settings.AutoSerializers;
import io.courier.bootstrap.internal.settings.Extensions;
import io.courier.filter.FilterChains;
import io.courier.filter.ServiceFilterContext;
import io.courier.filter.metrics.MeterRegistries;
import io.courier.protocol.json.ServiceMetadata;
import io.courier.spi.Side;
import io.courier.transport.ExecutorKind;
import io.courier.transport.ServiceExport;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports one service: provider filter chain in front of the generated dispatcher, served by the
 * application's server, then registered.
 *
 * <pre>
 * transport server -&gt; executor -&gt; provider filter chain -&gt; dispatcher -&gt; implementation
 * </pre>
 */
public final class ServiceExporter {

    private static final Logger log = LoggerFactory.getLogger(ServiceExporter.class);

    private final Infrastructure infrastructure;

    public ServiceExporter(Infrastructure infrastructure) {
        this.infrastructure = infrastructure;
    }

    /**
     * Serves {@code definition} and registers it.
     *
     * @return where it is served
     */
    public Endpoint export(ExportDefinition definition) {
        ServiceOptions options = definition.options();
        ServiceDescriptor descriptor = ServiceDescriptor.of(definition.serviceInterface());
        Invoker dispatcher = infrastructure.proxyFactory.createDispatcher(definition.implementation(), descriptor);
        ServiceFilterContext context = ServiceFilterContext.builder(Side.PROVIDER, definition.key(), descriptor)
                .application(infrastructure.options.application())
                .properties(infrastructure.settings::textOrNull)
                .origins(infrastructure.settings::originOrNull)
                .shared(infrastructure.shared)
                .build();
        Invoker chain = FilterChains.build(context, dispatcher);
        DeserializationPolicy policy = infrastructure.allowLists.of(descriptor);
        List<Serializer> serializers = new ArrayList<>();
        for (String name : AutoSerializers.expand(options.serializers())) {
            serializers.add(Extensions.serializer(
                    name,
                    ServiceKeys.PROVIDER_SERIALIZERS,
                    descriptor,
                    policy,
                    AutoSerializers.preparedInBackground(options.serializers(), name)));
        }
        ServiceExport export;
        try {
            export = new ServiceExport(
                    definition.key(), descriptor, chain, serializers, policy, ExecutorKind.of(options.executor()));
        } catch (IllegalStateException e) {
            throw new ConfigurationException("executor of " + definition.key() + ": '" + options.executor()
                    + "' (expected: pool or direct on this JVM; " + e.getMessage() + ")");
        }
        ProviderSide provider = infrastructure.provider();
        provider.add(export);
        infrastructure.events.subscribeAnnotated(definition.implementation());
        MeterRegistries.find(context)
                .ifPresent(meters -> StreamMeters.bind(meters, "provider", provider.streamStats()));

        Registry registry = infrastructure.registry();
        if (registry != null) {
            infrastructure.ownProviderResource(registry.watchConfig(definition.key(), context::publish));
            ServiceInstance instance = publishMetadata(
                    registry,
                    definition,
                    descriptor,
                    instance(definition, descriptor, provider.endpoint(), provider.protocolMetadata(export)));
            if (options.leaderOnly()) {
                infrastructure.ownLeaderOnlyService(new LeaderOnlyService(
                                instance, options.leaderGroup(), infrastructure.registrations())
                        .start(
                                infrastructure.coordination(),
                                infrastructure.shared.find(MeterRegistry.class).orElse(null)));
            } else {
                infrastructure.registrations().register(instance);
            }
        } else if (options.leaderOnly()) {
            throw new ConfigurationException("leader group of " + definition.key() + ": '" + options.leaderGroup()
                    + "' (expected: a registry, " + RegistryKeys.REGISTRY_ADDRESS.name() + ", whose store holds the"
                    + " election; without one the service could not be registered anyway)");
        }
        return provider.endpoint();
    }

    /**
     * Publishes the service's metadata once per digest and names the digest in the instance; a
     * document over the registry's cap is logged and left out (the service still works, generic
     * callers cannot see it).
     */
    private static ServiceInstance publishMetadata(
            Registry registry, ExportDefinition definition, ServiceDescriptor descriptor, ServiceInstance instance) {
        ServiceMetadata metadata = ServiceMetadata.of(descriptor);
        try {
            registry.publishMetadata(definition.key(), metadata.digest(), metadata.toJson());
        } catch (IllegalArgumentException e) {
            log.warn("The metadata of {} is not published: {}", definition.key(), e.getMessage());
            return instance;
        }
        Map<String, String> published = new HashMap<>(instance.metadata());
        published.put(Registry.METADATA_DIGEST, metadata.digest());
        return instance.toBuilder().metadata(published).build();
    }

    private ServiceInstance instance(
            ExportDefinition definition,
            ServiceDescriptor descriptor,
            Endpoint endpoint,
            Map<String, String> protocolMetadata) {
        ServiceOptions options = definition.options();
        List<String> methods = new ArrayList<>(descriptor.methods().size());
        for (MethodDescriptor method : descriptor.methods()) {
            methods.add(method.descriptor());
        }
        return ServiceInstance.builder(definition.key(), endpoint)
                .application(infrastructure.options.application())
                .weight(options.weight())
                .tags(options.tags())
                .startedAtMillis(System.currentTimeMillis())
                .warmupMillis(options.warmupMillis())
                .serializers(AutoSerializers.expand(options.serializers()))
                .methods(methods)
                .metadata(withAdmin(protocolMetadata, endpoint))
                .build();
    }

    /** The metadata, naming the admin endpoint when there is one, so that a console finds it. */
    private Map<String, String> withAdmin(Map<String, String> metadata, Endpoint endpoint) {
        if (!(infrastructure.admin() instanceof AdminServer admin)) {
            return metadata;
        }
        Map<String, String> named = new HashMap<>(metadata);
        named.put(AdminServer.METADATA_KEY, admin.advertised(endpoint.host()));
        return named;
    }
}
