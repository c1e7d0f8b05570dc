package io.courier.api.registry;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Records every provider list a listener receives, when the last one came, and whether deliveries
 * ever overlapped; for the registry contracts.
 */
public final class RegistryContractSnapshots implements Consumer<List<ServiceInstance>> {

    private final List<List<ServiceInstance>> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong lastNanos = new AtomicLong();
    private volatile boolean overlapped;

    @Override
    public void accept(List<ServiceInstance> instances) {
        if (running.incrementAndGet() > 1) {
            overlapped = true;
        }
        lastNanos.set(System.nanoTime());
        deliveries.add(instances);
        running.decrementAndGet();
    }

    public List<List<ServiceInstance>> deliveries() {
        return List.copyOf(deliveries);
    }

    /** The sizes of the lists delivered so far, in order. */
    public List<Integer> sizes() {
        return deliveries.stream().map(List::size).toList();
    }

    /** The last list delivered, or null before the first. */
    public List<ServiceInstance> latest() {
        int size = deliveries.size();
        return size == 0 ? null : deliveries.get(size - 1);
    }

    /** The size of the last list, -1 before the first. */
    public int latestSize() {
        List<ServiceInstance> latest = latest();
        return latest == null ? -1 : latest.size();
    }

    /** The endpoints of the last list, empty before the first. */
    public List<Endpoint> latestEndpoints() {
        List<ServiceInstance> latest = latest();
        return latest == null
                ? List.of()
                : latest.stream().map(ServiceInstance::endpoint).toList();
    }

    /** {@link System#nanoTime()} when the last list arrived, 0 before the first. */
    public long lastNanos() {
        return lastNanos.get();
    }

    /** Forgets the lists delivered so far. */
    public void clear() {
        deliveries.clear();
    }

    /** Whether an empty list ever replaced a non-empty one (an empty list before any provider is fine). */
    public boolean lostAllProviders() {
        boolean filled = false;
        for (List<ServiceInstance> delivery : deliveries) {
            if (!delivery.isEmpty()) {
                filled = true;
            } else if (filled) {
                return true;
            }
        }
        return false;
    }

    public boolean overlapped() {
        return overlapped;
    }
}
