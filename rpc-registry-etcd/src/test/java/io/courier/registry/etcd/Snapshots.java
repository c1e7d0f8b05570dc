package io.courier.registry.etcd;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** Records every provider list a subscription delivers, and whether two deliveries overlapped. */
final class Snapshots implements Consumer<List<ServiceInstance>> {

    private final List<List<ServiceInstance>> all = new CopyOnWriteArrayList<>();
    private final AtomicBoolean inside = new AtomicBoolean();
    private volatile boolean overlapped;

    @Override
    public void accept(List<ServiceInstance> snapshot) {
        if (!inside.compareAndSet(false, true)) {
            overlapped = true;
        }
        all.add(snapshot);
        inside.set(false);
    }

    List<List<ServiceInstance>> all() {
        return List.copyOf(all);
    }

    /** The ports of every delivered list, in delivery order. */
    List<List<Integer>> ports() {
        return all.stream()
                .map(list -> list.stream().map(i -> i.endpoint().port()).toList())
                .toList();
    }

    List<Endpoint> latestEndpoints() {
        List<ServiceInstance> latest = latest();
        return latest == null
                ? null
                : latest.stream().map(ServiceInstance::endpoint).toList();
    }

    List<ServiceInstance> latest() {
        List<List<ServiceInstance>> copy = all();
        return copy.isEmpty() ? null : copy.get(copy.size() - 1);
    }

    boolean overlapped() {
        return overlapped;
    }
}
