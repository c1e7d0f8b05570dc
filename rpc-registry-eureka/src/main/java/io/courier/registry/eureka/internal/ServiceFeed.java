package io.courier.registry.eureka.internal;

import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.core.discovery.ProviderFeed;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The providers of one service as the {@link RegistryPoller} last read them. Publishes a list only when
 * it differs from the one before, so a poll that finds nothing new sends nothing. Thread-safe: sinks are
 * called one at a time, under this feed's lock.
 */
public final class ServiceFeed implements ProviderFeed {

    private final ServiceKey serviceKey;
    private final Consumer<ServiceFeed> onClose;
    private final List<Consumer<List<ServiceInstance>>> sinks = new CopyOnWriteArrayList<>();
    private List<ServiceInstance> current; // null until the first read, and once closed
    private boolean closed;

    ServiceFeed(ServiceKey serviceKey, Consumer<ServiceFeed> onClose) {
        this.serviceKey = serviceKey;
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

    synchronized void publish(List<ServiceInstance> instances) {
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
