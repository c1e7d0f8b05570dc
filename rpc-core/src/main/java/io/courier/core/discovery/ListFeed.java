package io.courier.core.discovery;

import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A {@link ProviderFeed} for a registry that reads whole lists (a poll of Eureka, a scan of the mDNS
 * cache): it keeps the last list of one service and passes a new one on only when it differs, so a read
 * that finds nothing new sends nothing. Thread-safe: sinks are called one at a time, under this feed's
 * lock.
 */
public final class ListFeed implements ProviderFeed {

    private final ServiceKey serviceKey;
    private final Consumer<ListFeed> onClose;
    private final List<Consumer<List<ServiceInstance>>> sinks = new CopyOnWriteArrayList<>();
    private List<ServiceInstance> current; // null until the first read, and once closed
    private boolean closed;

    /** @param onClose told once the feed is closed, e.g. to stop reading for it */
    public ListFeed(ServiceKey serviceKey, Consumer<ListFeed> onClose) {
        this.serviceKey = serviceKey;
        this.onClose = onClose;
    }

    public ServiceKey serviceKey() {
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

    /** Passes {@code instances} (complete, sorted by endpoint, immutable) on if they differ from the last list. */
    public synchronized void publish(List<ServiceInstance> instances) {
        if (closed || instances.equals(current)) {
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
