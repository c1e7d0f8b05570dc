package io.courier.it;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** The provider lists a watcher registry received: the latest, when it came, the smallest since a reset. */
final class ProviderLists implements Consumer<List<ServiceInstance>> {

    private volatile List<ServiceInstance> latest = List.of();
    private final AtomicLong lastNanos = new AtomicLong();
    private final AtomicInteger smallest = new AtomicInteger(Integer.MAX_VALUE);

    @Override
    public void accept(List<ServiceInstance> instances) {
        latest = instances;
        lastNanos.set(System.nanoTime());
        smallest.accumulateAndGet(instances.size(), Math::min);
    }

    List<ServiceInstance> latest() {
        return latest;
    }

    List<Endpoint> latestEndpoints() {
        return latest.stream().map(ServiceInstance::endpoint).toList();
    }

    /** {@link System#nanoTime()} when the latest list arrived. */
    long lastNanos() {
        return lastNanos.get();
    }

    /** The smallest list since the last {@link #resetSmallest()}. */
    int smallest() {
        return smallest.get();
    }

    void resetSmallest() {
        smallest.set(latest.size());
    }
}
