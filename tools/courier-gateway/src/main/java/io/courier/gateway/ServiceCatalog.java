package io.courier.gateway;

import io.courier.api.GenericService;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.Registry;
import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.Courier;
import io.courier.protocol.json.ServiceMetadata;
import io.courier.protocol.json.ServiceMetadata.MethodMetadata;
import io.courier.rest.internal.GatewayRoutes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.LoggerFactory;

/**
 * The services the gateway can call, from the registry's metadata: one generic caller per service
 * key, made on first use and kept until the metadata names a method it does not know; metadata re-read at most every
 * {@link #REFRESH_NANOS}, and a service key that has none is remembered as unknown for as long, so that a flood of
 * requests for unknown services does not become a flood of registry reads. {@link #caller} and {@link #metadata} may
 * block (they read the registry): call them off the IO threads. {@link #ready} never blocks: it answers from what is
 * at hand and has a stale snapshot re-read in the background, so a call of a known method never waits for a lookup
 * thread. Thread-safe.
 */
final class ServiceCatalog {

    static final long REFRESH_NANOS = 2_000_000_000L;

    private final Courier courier;
    private final LongSupplier nanoTime;
    private final Map<ServiceKey, GenericService> callers = new ConcurrentHashMap<>();
    private final Map<ServiceKey, Long> unknownUntil = new ConcurrentHashMap<>();
    private final Map<ServiceKey, Methods> methods = new ConcurrentHashMap<>();
    private final Executor refresher;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Snapshot snapshot;

    private record Snapshot(Map<ServiceKey, ServiceMetadata> byKey, GatewayRoutes rest, long readAt) {}

    /** Whether {@code named} (methods of one name, or {@code null} when unknown) are streams, all of them. */
    static boolean allStreams(List<MethodMetadata> named) {
        if (named == null) {
            return false;
        }
        for (MethodMetadata method : named) {
            if (!method.stream()) {
                return false;
            }
        }
        return true;
    }

    /**
     * What a call needs of its service, at hand: the caller, and the metadata's methods by name.
     *
     * @param byName the methods of the metadata by name (overloads together); empty when the caller
     *     does not know every one of them (a deploy added some, and the caller must be rebuilt)
     */
    record Methods(GenericService caller, ServiceMetadata metadata, Map<String, List<MethodMetadata>> byName) {

        static Methods of(GenericService caller, ServiceMetadata metadata) {
            Map<String, List<MethodMetadata>> byName = new LinkedHashMap<>();
            for (MethodMetadata method : metadata.methods()) {
                if (!caller.methodNames().contains(method.name())) {
                    return new Methods(caller, metadata, Map.of());
                }
                byName.computeIfAbsent(method.name(), name -> new ArrayList<>()).add(method);
            }
            byName.replaceAll((name, list) -> List.copyOf(list));
            return new Methods(caller, metadata, Map.copyOf(byName));
        }

        /** The methods named {@code method}, or {@code null}. */
        List<MethodMetadata> named(String method) {
            return byName.get(method);
        }
    }

    /**
     * @param refresher where a stale snapshot is re-read in the background (the gateway's lookup
     *     threads)
     */
    ServiceCatalog(Courier courier, LongSupplier nanoTime, Executor refresher) {
        this.courier = courier;
        this.nanoTime = nanoTime;
        this.refresher = refresher;
    }

    /**
     * The caller of {@code key}, or empty if no provider published metadata for it. A caller made
     * before a deploy added methods is replaced once the metadata (re-read at most every {@link
     * #REFRESH_NANOS}) names a method it does not know: new methods are callable without a restart.
     */
    Optional<GenericService> caller(ServiceKey key) {
        GenericService caller = callers.get(key);
        if (caller != null && knowsEveryMethod(caller, key)) {
            return Optional.of(caller);
        }
        if (caller != null) {
            // Courier.generic re-reads the registry's metadata (at most once a second per service)
            GenericService fresh = courier.generic(key);
            callers.put(key, fresh);
            return Optional.of(fresh);
        }
        long now = nanoTime.getAsLong();
        Long until = unknownUntil.get(key);
        if (until != null && now - until < 0) {
            return Optional.empty();
        }
        try {
            caller = callers.computeIfAbsent(key, courier::generic);
            unknownUntil.remove(key);
            return Optional.of(caller);
        } catch (ConfigurationException e) {
            if (unknownUntil.size() > 10_000) {
                unknownUntil.clear();
            }
            unknownUntil.put(key, now + REFRESH_NANOS);
            return Optional.empty();
        }
    }

    /**
     * The caller and methods of {@code key} when a call of {@code method} can start now, without
     * reading the registry: the caller is made, it knows every method of the last metadata read, and
     * that metadata names {@code method}. A snapshot older than {@link #REFRESH_NANOS} still answers,
     * and is re-read in the background (one read at a time), so the IO thread never waits for the
     * registry. {@code null} when the blocking path must decide: first use of the service, a method
     * the snapshot does not name (unknown, or added by a deploy), a caller to rebuild. Never blocks;
     * for the IO thread.
     */
    Methods ready(ServiceKey key, String method) {
        Snapshot last = snapshot;
        GenericService caller = callers.get(key);
        if (last == null || caller == null) {
            return null;
        }
        if (nanoTime.getAsLong() - last.readAt() >= REFRESH_NANOS) {
            refreshInBackground();
        }
        ServiceMetadata metadata = last.byKey().get(key);
        if (metadata == null) {
            return null;
        }
        Methods known = methods.get(key);
        if (known == null || known.caller() != caller || known.metadata() != metadata) {
            known = Methods.of(caller, metadata);
            methods.put(key, known);
        }
        return known.named(method) == null ? null : known;
    }

    private void refreshInBackground() {
        if (!refreshing.compareAndSet(false, true)) {
            return;
        }
        try {
            refresher.execute(() -> {
                try {
                    reload();
                } catch (RuntimeException e) {
                    // the next stale read tries again; calls go on with the last snapshot meanwhile
                    LoggerFactory.getLogger(ServiceCatalog.class).debug("Re-reading the services failed", e);
                } finally {
                    refreshing.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            refreshing.set(false);
        }
    }

    private boolean knowsEveryMethod(GenericService caller, ServiceKey key) {
        ServiceMetadata metadata = current().byKey().get(key);
        return metadata == null
                || metadata.methods().stream()
                        .allMatch(method -> caller.methodNames().contains(method.name()));
    }

    /** The metadata of {@code key} (as its caller uses it once one exists), or empty. */
    Optional<ServiceMetadata> metadata(ServiceKey key) {
        ServiceMetadata metadata = current().byKey().get(key);
        return Optional.ofNullable(metadata);
    }

    /**
     * The methods of {@code key} named {@code method} (empty if none), or {@code null} when the
     * service has no metadata; blocking as {@link #metadata} is.
     */
    List<MethodMetadata> named(ServiceKey key, String method) {
        return metadata(key)
                .map(metadata -> metadata.methods().stream()
                        .filter(m -> m.name().equals(method))
                        .toList())
                .orElse(null);
    }

    /**
     * The protocols the providers of {@code key} serve, as the registry lists them ({@code courier},
     * {@code grpc}, ...); empty when it lists none. Blocking the first time a service is asked about.
     */
    java.util.List<String> protocols(ServiceKey key) {
        return courier.protocols(key);
    }

    /** Where the providers of {@code key} that serve gRPC listen; blocking as {@link #protocols} is. */
    java.util.List<io.courier.api.Endpoint> grpcEndpoints(ServiceKey key) {
        return courier.providers(key).stream()
                .filter(instance -> instance.protocols().contains("grpc"))
                .map(io.courier.api.ServiceInstance::endpoint)
                .distinct()
                .toList();
    }

    /**
     * The REST routes the providers publish, as of the last read ({@code null} before the first): a stale
     * read still answers and is re-read in the background, as {@link #ready} does. Never blocks.
     */
    GatewayRoutes restAtHand() {
        Snapshot last = snapshot;
        if (last == null || nanoTime.getAsLong() - last.readAt() >= REFRESH_NANOS) {
            refreshInBackground();
        }
        return last == null ? null : last.rest();
    }

    /** Whether the last read found metadata of {@code key}. Never blocks. */
    boolean knownAtHand(ServiceKey key) {
        Snapshot last = snapshot;
        return last != null && last.byKey().containsKey(key);
    }

    /** The REST routes the providers publish; blocking as {@link #metadata} is. */
    GatewayRoutes rest() {
        return current().rest();
    }

    /** Every service with metadata, by service key, sorted. */
    Map<ServiceKey, ServiceMetadata> all() {
        return current().byKey();
    }

    private Snapshot current() {
        Snapshot last = snapshot;
        if (last != null && nanoTime.getAsLong() - last.readAt() < REFRESH_NANOS) {
            return last;
        }
        return reload();
    }

    /** The snapshot, re-read from the registry unless another thread just did. */
    private synchronized Snapshot reload() {
        Snapshot last = snapshot;
        long now = nanoTime.getAsLong();
        if (last != null && now - last.readAt() < REFRESH_NANOS) {
            return last;
        }
        Map<ServiceKey, ServiceMetadata> byKey = new LinkedHashMap<>();
        for (ServiceKey key : courier.servicesWithMetadata()) {
            courier.metadata(key).ifPresent(metadata -> byKey.put(key, metadata));
        }
        snapshot = new Snapshot(Collections.unmodifiableMap(byKey), restRoutes(byKey), now);
        return snapshot;
    }

    /** The routes of the services whose providers publish some: those of a provider of the metadata read. */
    private GatewayRoutes restRoutes(Map<ServiceKey, ServiceMetadata> byKey) {
        List<GatewayRoutes.Published> published = new ArrayList<>();
        byKey.forEach((key, metadata) -> {
            String routes = null;
            for (ServiceInstance instance : courier.providers(key)) {
                String text = instance.metadata().get(GatewayRoutes.METADATA_KEY);
                if (text != null
                        && (routes == null
                                || metadata.digest().equals(instance.metadata().get(Registry.METADATA_DIGEST)))) {
                    routes = text;
                }
            }
            if (routes != null) {
                published.add(new GatewayRoutes.Published(key, metadata, routes));
            }
        });
        return published.isEmpty() ? GatewayRoutes.NONE : GatewayRoutes.of(published);
    }
}
