package io.courier.bootstrap.internal.refer;

import io.courier.api.GenericService;
import io.courier.api.ReferenceOptions;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.Registry;
import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.Courier;
import io.courier.bootstrap.CourierOptions;
import io.courier.bootstrap.internal.config.Settings;
import io.courier.bootstrap.internal.lifecycle.Infrastructure;
import io.courier.protocol.json.ServiceMetadata;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's generic references ({@link Courier#generic}): built from the metadata that
 * providers publish in the registry, one per service key, cached for the application's life.
 * Called under the {@link Courier}'s lock, as every other reference is created.
 */
public final class GenericReferences {

    private final Settings settings;
    private final Infrastructure infrastructure;
    private final ReferenceFactory references;
    /** How often a cached caller's metadata is compared with the registry's, at most. */
    static final long RECHECK_NANOS = 1_000_000_000L;

    private final Map<ServiceKey, GenericReference> byKey = new HashMap<>();
    private final Map<ServiceKey, Long> checkedAt = new HashMap<>();
    /** How long the first ask about a service's protocols waits for the registry's first list. */
    private static final long FIRST_LIST_WAIT_MILLIS = 2_000;

    /** The latest provider list of each service {@link #protocols} was asked about. */
    private final Map<ServiceKey, AtomicReference<List<ServiceInstance>>> providers = new ConcurrentHashMap<>();

    public GenericReferences(Settings settings, Infrastructure infrastructure, ReferenceFactory references) {
        this.settings = settings;
        this.infrastructure = infrastructure;
        this.references = references;
    }

    /**
     * The generic reference of {@code serviceKey}, built on first use. A cached one follows the
     * service's metadata: at most every {@link #RECHECK_NANOS} the registry's metadata is read again,
     * and when it changed (a deploy published a version with new methods) the caller is rebuilt on
     * the same consumer chain, so a new method is callable without a restart.
     */
    public GenericService get(ServiceKey serviceKey) {
        GenericReference cached = byKey.get(serviceKey);
        if (cached != null) {
            return current(serviceKey, cached);
        }
        String where = "generic(" + serviceKey + ")";
        ServiceMetadata metadata = metadata(serviceKey)
                .orElseThrow(() -> new ConfigurationException(where + ": no metadata of " + serviceKey
                        + " in the registry (expected: a provider of it, exporting through a registry)"));
        ServiceDescriptor descriptor = GenericReference.describe(metadata);
        ReferenceOptions options = CourierOptions.consumerDefaults(settings, serviceKey.interfaceName()).toBuilder()
                .group(serviceKey.group())
                .version(serviceKey.version())
                .serializer("json")
                .build();
        GenericReference generic = GenericReference.of(
                serviceKey,
                metadata,
                descriptor,
                references.createGeneric(serviceKey, descriptor, options, where),
                infrastructure.allowLists.of(descriptor));
        byKey.put(serviceKey, generic);
        checkedAt.put(serviceKey, System.nanoTime());
        return generic;
    }

    private GenericReference current(ServiceKey serviceKey, GenericReference cached) {
        long now = System.nanoTime();
        Long last = checkedAt.get(serviceKey);
        if (last != null && now - last < RECHECK_NANOS) {
            return cached;
        }
        checkedAt.put(serviceKey, now);
        Optional<ServiceMetadata> latest = metadata(serviceKey);
        if (latest.isEmpty() || latest.get().digest().equals(cached.metadata().digest())) {
            return cached;
        }
        ServiceDescriptor descriptor = GenericReference.describe(latest.get());
        GenericReference updated =
                cached.withMetadata(latest.get(), descriptor, infrastructure.allowLists.of(descriptor));
        byKey.put(serviceKey, updated);
        return updated;
    }

    /** The merged metadata of every provider version of {@code serviceKey}; empty without a registry. */
    public Optional<ServiceMetadata> metadata(ServiceKey serviceKey) {
        Registry registry = infrastructure.registry();
        return registry == null ? Optional.empty() : MetadataVersions.merged(registry.metadata(serviceKey));
    }

    /**
     * The protocols the providers of {@code serviceKey} the registry lists now serve, each once, in the
     * order they come ({@link ServiceInstance#protocols()}); empty without a registry or a provider. The
     * first ask subscribes to the service's providers, kept until the application closes, and waits up
     * to two seconds for their first list; later asks read the latest list without a registry read.
     */
    public List<String> protocols(ServiceKey serviceKey) {
        Set<String> protocols = new LinkedHashSet<>();
        for (ServiceInstance instance : providers(serviceKey)) {
            protocols.addAll(instance.protocols());
        }
        return List.copyOf(protocols);
    }

    /**
     * The providers of {@code serviceKey} the registry lists now; empty without a registry or a
     * provider. Subscribes and waits on the first ask as {@link #protocols} does.
     */
    public List<ServiceInstance> providers(ServiceKey serviceKey) {
        Registry registry = infrastructure.registry();
        if (registry == null) {
            return List.of();
        }
        AtomicReference<List<ServiceInstance>> listed = providers.get(serviceKey);
        if (listed == null) {
            AtomicReference<List<ServiceInstance>> fresh = new AtomicReference<>(List.of());
            listed = providers.putIfAbsent(serviceKey, fresh);
            if (listed == null) {
                listed = fresh;
                CountDownLatch first = new CountDownLatch(1);
                infrastructure.ownConsumerResource(registry.subscribe(serviceKey, instances -> {
                    fresh.set(instances);
                    first.countDown();
                }));
                awaitFirstList(first);
            }
        }
        return listed.get();
    }

    private static void awaitFirstList(CountDownLatch first) {
        try {
            first.await(FIRST_LIST_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The services whose metadata is in the registry; empty without a registry. */
    public List<ServiceKey> servicesWithMetadata() {
        Registry registry = infrastructure.registry();
        return registry == null ? List.of() : registry.servicesWithMetadata();
    }
}
