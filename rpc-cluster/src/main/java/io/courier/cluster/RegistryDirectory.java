package io.courier.cluster;

import io.courier.api.DynamicConfig;
import io.courier.api.Invoker;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.Directory;
import io.courier.api.registry.Registry;
import io.courier.api.time.Ticker;
import io.courier.cluster.internal.CandidateSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Directory} fed by a {@link Registry}: it subscribes to the service's provider list and
 * dynamic configuration, and follows every snapshot.
 *
 * <p>For each endpoint that appears, the invoker factory (supplied by the bootstrap, backed by the
 * transport) is called once; an endpoint that stays keeps its invoker and its statistics even if
 * its metadata (weight, tags) changes; an endpoint that disappears is removed from routing at once
 * and its invoker is closed, if {@link AutoCloseable}, when its in-flight calls have been answered.
 * A factory that throws for one instance leaves that instance out (logged) and the others in.
 * Candidates are kept sorted by endpoint so that every consumer sees the same order.
 *
 * <p>{@link #close()} stops both subscriptions and closes every invoker at once. Thread-safe.
 */
public final class RegistryDirectory implements Directory {

    private static final Logger log = LoggerFactory.getLogger(RegistryDirectory.class);
    private static final Comparator<ServiceInstance> BY_ENDPOINT = Comparator.comparing(
                    (ServiceInstance instance) -> instance.endpoint().host())
            .thenComparingInt(instance -> instance.endpoint().port());

    private final CandidateSet candidates;
    private final List<AutoCloseable> subscriptions = new ArrayList<>(2);
    private boolean closed;

    private RegistryDirectory(CandidateSet candidates) {
        this.candidates = candidates;
    }

    /**
     * Subscribes to the providers and the dynamic configuration of {@code serviceKey} in
     * {@code registry}. The directory may be empty until the registry delivers the first list.
     */
    public static RegistryDirectory subscribe(
            Registry registry, ServiceKey serviceKey, Function<ServiceInstance, Invoker> invokerFactory) {
        return subscribe(registry, serviceKey, invokerFactory, Ticker.SYSTEM, ClusterOptions.defaults());
    }

    /** As {@link #subscribe(Registry, ServiceKey, Function)}, ejecting instances as {@code options} say. */
    public static RegistryDirectory subscribe(
            Registry registry,
            ServiceKey serviceKey,
            Function<ServiceInstance, Invoker> invokerFactory,
            ClusterOptions options) {
        return subscribe(registry, serviceKey, invokerFactory, Ticker.SYSTEM, options);
    }

    static RegistryDirectory subscribe(
            Registry registry,
            ServiceKey serviceKey,
            Function<ServiceInstance, Invoker> invokerFactory,
            Ticker ticker) {
        return subscribe(registry, serviceKey, invokerFactory, ticker, ClusterOptions.defaults());
    }

    static RegistryDirectory subscribe(
            Registry registry,
            ServiceKey serviceKey,
            Function<ServiceInstance, Invoker> invokerFactory,
            Ticker ticker,
            ClusterOptions options) {
        Objects.requireNonNull(registry, "registry");
        RegistryDirectory directory =
                new RegistryDirectory(new CandidateSet(serviceKey, invokerFactory, ticker, options));
        // Configuration first, so that the first provider list is routed with it when both are known.
        directory.track(registry.watchConfig(serviceKey, directory::onConfig));
        directory.track(registry.subscribe(serviceKey, directory::onProviders));
        return directory;
    }

    private synchronized void track(AutoCloseable subscription) {
        if (closed) {
            closeQuietly(subscription);
        } else {
            subscriptions.add(subscription);
        }
    }

    private void onProviders(List<ServiceInstance> instances) {
        List<ServiceInstance> sorted = new ArrayList<>(instances);
        sorted.sort(BY_ENDPOINT);
        candidates.update(sorted);
    }

    private void onConfig(DynamicConfig config) {
        candidates.configure(config);
    }

    @Override
    public ServiceKey serviceKey() {
        return candidates.serviceKey();
    }

    @Override
    public List<? extends Candidate> candidates() {
        return candidates.candidates();
    }

    @Override
    public DynamicConfig config() {
        return candidates.config();
    }

    @Override
    public AutoCloseable addListener(Runnable listener) {
        return candidates.addListener(listener);
    }

    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = List.copyOf(subscriptions);
            subscriptions.clear();
        }
        toClose.forEach(RegistryDirectory::closeQuietly);
        candidates.close();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("Closing a registry subscription failed", e);
        }
    }

    @Override
    public String toString() {
        return "RegistryDirectory(" + serviceKey() + ", " + candidates() + ")";
    }
}
