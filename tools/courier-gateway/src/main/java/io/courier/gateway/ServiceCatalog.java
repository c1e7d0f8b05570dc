package io.courier.gateway;

import io.courier.api.GenericService;
import io.courier.api.ServiceKey;
import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.Courier;
import io.courier.protocol.json.ServiceMetadata;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The services the gateway can call, from the registry's metadata: one generic caller per service
 * key, made on first use and kept until the metadata names a method it does not know; metadata re-read at most every {@link #REFRESH_NANOS}, and a
 * service key that has none is remembered as unknown for as long, so that a flood of requests for
 * unknown services does not become a flood of registry reads. Blocking (it reads the registry):
 * call it off the IO threads. Thread-safe.
 */
final class ServiceCatalog {

    static final long REFRESH_NANOS = 2_000_000_000L;

    private final Courier courier;
    private final LongSupplier nanoTime;
    private final Map<ServiceKey, GenericService> callers = new ConcurrentHashMap<>();
    private final Map<ServiceKey, Long> unknownUntil = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot;

    private record Snapshot(Map<ServiceKey, ServiceMetadata> byKey, long readAt) {}

    ServiceCatalog(Courier courier, LongSupplier nanoTime) {
        this.courier = courier;
        this.nanoTime = nanoTime;
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
     * Whether {@link #caller} and {@link #metadata} of {@code key} would answer now without reading
     * the registry or blocking: the caller is made, the metadata snapshot is fresh and the caller
     * knows its methods. Never blocks; for the IO thread.
     */
    boolean ready(ServiceKey key) {
        GenericService caller = callers.get(key);
        Snapshot last = snapshot;
        return caller != null
                && last != null
                && nanoTime.getAsLong() - last.readAt() < REFRESH_NANOS
                && knowsEveryMethod(caller, key);
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

    /** Every service with metadata, by service key, sorted. */
    Map<ServiceKey, ServiceMetadata> all() {
        return current().byKey();
    }

    private Snapshot current() {
        Snapshot last = snapshot;
        long now = nanoTime.getAsLong();
        if (last != null && now - last.readAt() < REFRESH_NANOS) {
            return last;
        }
        synchronized (this) {
            last = snapshot;
            if (last != null && nanoTime.getAsLong() - last.readAt() < REFRESH_NANOS) {
                return last;
            }
            Map<ServiceKey, ServiceMetadata> byKey = new LinkedHashMap<>();
            for (ServiceKey key : courier.servicesWithMetadata()) {
                courier.metadata(key).ifPresent(metadata -> byKey.put(key, metadata));
            }
            snapshot = new Snapshot(Collections.unmodifiableMap(byKey), now);
            return snapshot;
        }
    }
}
