package io.courier.registry.zookeeper.internal;

import io.courier.api.ServiceInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Joins the providers of one service from Courier's layout and from Apache Dubbo's into the one list a
 * subscription sees: nothing until both have answered once, then their union (Courier's first, sorted
 * by endpoint) at every change of either. Thread-safe; the target must not block (a subscription
 * hands the list to its mailbox).
 */
public final class MergedProviders {

    private final Consumer<List<ServiceInstance>> target;
    private List<ServiceInstance> courier;
    private List<ServiceInstance> dubbo;

    public MergedProviders(Consumer<List<ServiceInstance>> target) {
        this.target = target;
    }

    /** The sink of Courier's layout. */
    public Consumer<List<ServiceInstance>> courier() {
        return instances -> update(instances, true);
    }

    /** The sink of Dubbo's layout. */
    public Consumer<List<ServiceInstance>> dubbo() {
        return instances -> update(instances, false);
    }

    private void update(List<ServiceInstance> instances, boolean fromCourier) {
        List<ServiceInstance> merged;
        synchronized (this) {
            if (fromCourier) {
                courier = instances;
            } else {
                dubbo = instances;
            }
            if (courier == null || dubbo == null) {
                return;
            }
            merged = new ArrayList<>(courier.size() + dubbo.size());
            merged.addAll(courier);
            merged.addAll(dubbo);
            merged.sort(ProviderWatch.BY_ENDPOINT);
            // under the lock, so lists arrive in the order they were made; the target never blocks
            target.accept(List.copyOf(merged));
        }
    }
}
