package io.courier.registry.zookeeper.internal;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.watch.PersistentWatcher;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.Watcher;

/**
 * Follows the stock Apache Dubbo providers of one service in Dubbo's ZooKeeper layout and hands its
 * sink the full, sorted list ({@link DubboProviderUrls}) each time the children of {@code
 * /dubbo/<interface>/providers} change, and again after every reconnect. Dubbo's nodes carry their
 * whole entry in their names, so a listing is all there is to read. Thread-safe; the sink is called
 * on ZooKeeper's event thread and must be quick.
 */
public final class DubboProviderWatch implements AutoCloseable {

    private final CuratorFramework client;
    private final ServiceKey serviceKey;
    private final String path;
    private final Consumer<List<ServiceInstance>> sink;
    private final PersistentWatcher watcher;
    private volatile boolean closed;

    public DubboProviderWatch(CuratorFramework client, ServiceKey serviceKey, Consumer<List<ServiceInstance>> sink) {
        this.client = client;
        this.serviceKey = serviceKey;
        this.path = DubboProviderUrls.providersPath(serviceKey);
        this.sink = sink;
        this.watcher = new PersistentWatcher(client, path, false);
        watcher.getListenable().addListener(this::onEvent);
        watcher.getResetListenable().addListener(this::list);
    }

    public void start() {
        watcher.start();
    }

    @Override
    public void close() {
        closed = true;
        watcher.close();
        Children.unwatch(client, path);
    }

    private void onEvent(WatchedEvent event) {
        if (event.getType() == Watcher.Event.EventType.NodeChildrenChanged
                || event.getType() == Watcher.Event.EventType.NodeCreated
                || event.getType() == Watcher.Event.EventType.NodeDeleted) {
            list();
        }
    }

    private void list() {
        if (!closed) {
            Children.list(client, path, "Dubbo's providers of " + serviceKey, this::onChildren);
        }
    }

    private void onChildren(List<String> children) {
        if (!closed) {
            sink.accept(instances(serviceKey, children));
        }
    }

    /** The providers the nodes {@code children} register, one per endpoint, sorted by endpoint. */
    static List<ServiceInstance> instances(ServiceKey serviceKey, List<String> children) {
        List<ServiceInstance> instances = new ArrayList<>(children.size());
        Set<Endpoint> seen = new HashSet<>();
        for (String child : children) {
            ServiceInstance instance = DubboProviderUrls.parse(serviceKey, child);
            if (instance != null && seen.add(instance.endpoint())) {
                instances.add(instance);
            }
        }
        instances.sort(ProviderWatch.BY_ENDPOINT);
        return List.copyOf(instances);
    }
}
