package io.courier.cluster.internal;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.Invoker;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.time.Ticker;
import io.courier.cluster.ClusterOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state behind a directory: one {@link InstanceCandidate} per provider endpoint, the dynamic
 * configuration, and the listeners told about changes of either.
 *
 * <p>{@link #update} takes a complete provider list: endpoints that appear get an invoker from the
 * factory, endpoints that stay keep their candidate (and its statistics), endpoints that disappear
 * are retired. Changes are applied and announced one at a time; reads are lock-free snapshots.
 */
public final class CandidateSet implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CandidateSet.class);

    private final ServiceKey serviceKey;
    private final Function<ServiceInstance, Invoker> invokerFactory;
    private final Ticker ticker;
    private final ClusterOptions options;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private volatile List<InstanceCandidate> candidates = List.of();
    private volatile DynamicConfig config = DynamicConfig.EMPTY;
    /** Guarded by lock. */
    private boolean closed;

    public CandidateSet(ServiceKey serviceKey, Function<ServiceInstance, Invoker> invokerFactory, Ticker ticker) {
        this(serviceKey, invokerFactory, ticker, ClusterOptions.defaults());
    }

    /** With the ejection figures of {@code options} for every candidate. */
    public CandidateSet(
            ServiceKey serviceKey,
            Function<ServiceInstance, Invoker> invokerFactory,
            Ticker ticker,
            ClusterOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.serviceKey = Objects.requireNonNull(serviceKey, "serviceKey");
        this.invokerFactory = Objects.requireNonNull(invokerFactory, "invokerFactory");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    public ServiceKey serviceKey() {
        return serviceKey;
    }

    public List<InstanceCandidate> candidates() {
        return candidates;
    }

    public DynamicConfig config() {
        return config;
    }

    public AutoCloseable addListener(Runnable listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Replaces the provider list with {@code instances}, a complete snapshot in the order to keep. */
    public void update(List<ServiceInstance> instances) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            Map<Endpoint, InstanceCandidate> previous = new HashMap<>();
            for (InstanceCandidate candidate : candidates) {
                previous.put(candidate.instance().endpoint(), candidate);
            }
            DynamicConfig current = config;
            List<InstanceCandidate> next = new ArrayList<>(instances.size());
            Map<Endpoint, ServiceInstance> seen = new HashMap<>();
            for (ServiceInstance instance : instances) {
                if (!instance.serviceKey().equals(serviceKey)) {
                    log.warn("Ignoring a provider of {} in the provider list of {}", instance.serviceKey(), serviceKey);
                    continue;
                }
                if (seen.putIfAbsent(instance.endpoint(), instance) != null) {
                    log.warn("Ignoring a second registration of {} for {}", instance.endpoint(), serviceKey);
                    continue;
                }
                InstanceCandidate candidate = previous.remove(instance.endpoint());
                if (candidate != null) {
                    candidate.update(instance);
                } else {
                    candidate = create(instance);
                    if (candidate == null) {
                        continue;
                    }
                    candidate.overrideWeight(current.weights().get(instance.endpoint()));
                }
                next.add(candidate);
            }
            candidates = List.copyOf(next);
            // Listeners rebuild the route tables first: a call that loses the race with retire()
            // below fails "not executed" and its retry must already pick from the new list.
            notifyListeners();
            for (InstanceCandidate gone : previous.values()) {
                gone.retire();
            }
        }
    }

    /** Applies a new dynamic configuration (weight overrides now; routers when listeners rebuild). */
    public void configure(DynamicConfig updated) {
        Objects.requireNonNull(updated, "config");
        synchronized (lock) {
            if (closed) {
                return;
            }
            config = updated;
            for (InstanceCandidate candidate : candidates) {
                candidate.overrideWeight(
                        updated.weights().get(candidate.instance().endpoint()));
            }
            notifyListeners();
        }
    }

    /** Closes every candidate's invoker now and forgets the listeners. Idempotent. */
    @Override
    public void close() {
        List<InstanceCandidate> toClose;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = candidates;
            candidates = List.of();
            notifyListeners();
            listeners.clear();
        }
        toClose.forEach(InstanceCandidate::close);
    }

    private InstanceCandidate create(ServiceInstance instance) {
        Invoker invoker;
        try {
            invoker = invokerFactory.apply(instance);
        } catch (RuntimeException e) {
            log.warn("Cannot create an invoker for {} of {}; leaving it out", instance.endpoint(), serviceKey, e);
            return null;
        }
        if (invoker == null) {
            log.warn("The invoker factory returned null for {} of {}; leaving it out", instance.endpoint(), serviceKey);
            return null;
        }
        return new InstanceCandidate(instance, invoker, ticker, options);
    }

    private void notifyListeners() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.error("A listener of the directory of {} failed", serviceKey, e);
            }
        }
    }
}
