package io.courier.cluster.testing;

import io.courier.api.DynamicConfig;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.Registry;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A registry that delivers what the test publishes, synchronously, to its one subscriber and one
 * config watcher. The ZooKeeper registry has its own tests; the cluster layer only needs the
 * {@link Registry} contract.
 */
public final class FakeRegistry implements Registry {

    private volatile Consumer<List<ServiceInstance>> providers;
    private volatile Consumer<DynamicConfig> configs;
    private final AtomicInteger openSubscriptions = new AtomicInteger();

    public void publish(List<ServiceInstance> instances) {
        providers.accept(instances);
    }

    public void publish(DynamicConfig config) {
        configs.accept(config);
    }

    public int openSubscriptions() {
        return openSubscriptions.get();
    }

    @Override
    public void register(ServiceInstance instance) {
        throw new UnsupportedOperationException("consumers do not register in these tests");
    }

    @Override
    public void unregister(ServiceInstance instance) {
        throw new UnsupportedOperationException("consumers do not register in these tests");
    }

    @Override
    public AutoCloseable subscribe(ServiceKey serviceKey, Consumer<List<ServiceInstance>> listener) {
        providers = listener;
        openSubscriptions.incrementAndGet();
        return () -> {
            providers = ignored -> {};
            openSubscriptions.decrementAndGet();
        };
    }

    @Override
    public AutoCloseable watchConfig(ServiceKey serviceKey, Consumer<DynamicConfig> listener) {
        configs = listener;
        openSubscriptions.incrementAndGet();
        return () -> {
            configs = ignored -> {};
            openSubscriptions.decrementAndGet();
        };
    }

    @Override
    public void close() {}
}
