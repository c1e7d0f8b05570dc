package io.courier.registry.zookeeper;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Records every provider list a listener receives, and whether deliveries ever overlapped. */
final class SnapshotRecorder implements Consumer<List<ServiceInstance>> {

    private final List<List<ServiceInstance>> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean overlapped;

    @Override
    public void accept(List<ServiceInstance> instances) {
        if (running.incrementAndGet() > 1) {
            overlapped = true;
        }
        deliveries.add(instances);
        running.decrementAndGet();
    }

    List<List<ServiceInstance>> deliveries() {
        return List.copyOf(deliveries);
    }

    /** The last list delivered, or null before the first. */
    List<ServiceInstance> latest() {
        int size = deliveries.size();
        return size == 0 ? null : deliveries.get(size - 1);
    }

    /** The endpoints of the last list, empty before the first. */
    List<Endpoint> latestEndpoints() {
        List<ServiceInstance> latest = latest();
        return latest == null
                ? List.of()
                : latest.stream().map(ServiceInstance::endpoint).toList();
    }

    /** Whether an empty list ever replaced a non-empty one (an empty list before any provider is fine). */
    boolean lostAllProviders() {
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

    boolean overlapped() {
        return overlapped;
    }
}
