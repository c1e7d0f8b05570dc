package io.courier.registry.mdns.internal;

import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.core.discovery.ProviderFeed;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The providers of one service as the {@link CacheWatcher} last found them. Publishes a list only when it
 * differs from the one before. Thread-safe: sinks are called one at a time, under this feed's lock.
 */
public final class ServiceFeed implements ProviderFeed {

    private final ServiceKey serviceKey;
    private final long firstListNanos;
    private final Consumer<ServiceFeed> onClose;
    private final List<Consumer<List<ServiceInstance>>> sinks = new CopyOnWriteArrayList<>();
    private List<ServiceInstance> current; // null until the first scan, and once closed
    private boolean closed;

    /** @param firstListNanos when ({@link System#nanoTime()}) the cache is complete enough for a first list */
    ServiceFeed(ServiceKey serviceKey, long firstListNanos, Consumer<ServiceFeed> onClose) {
        this.serviceKey = serviceKey;
        this.firstListNanos = firstListNanos;
        this.onClose = onClose;
    }

    ServiceKey serviceKey() {
        return serviceKey;
    }

    @Override
    public synchronized void addSink(Consumer<List<ServiceInstance>> sink) {
        sinks.add(sink);
        if (current != null) {
            sink.accept(current);
        }
    }

    @Override
    public void removeSink(Consumer<List<ServiceInstance>> sink) {
        sinks.remove(sink);
    }

    /** Publishes {@code instances} as read at {@code nowNanos}, unless that is before the first list is due. */
    synchronized void publishFrom(long nowNanos, List<ServiceInstance> instances) {
        if (closed || nowNanos - firstListNanos < 0 || instances.equals(current)) {
            return;
        }
        current = instances;
        for (Consumer<List<ServiceInstance>> sink : sinks) {
            sink.accept(instances);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            current = null;
            sinks.clear();
        }
        onClose.accept(this);
    }
}
