package io.courier.registry.zookeeper.internal;

import io.courier.api.DynamicConfig;
import io.courier.api.ServiceKey;
import io.courier.core.document.ConfigLayers;
import io.courier.core.document.ConfigWatches;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;

/**
 * The configuration of one service as a consumer of it sees it: three documents, each followed by a
 * {@link ConfigWatch} (so each is validated on its own and keeps its last good version), merged
 * field by field with the later layers winning ({@link DynamicConfig#over}):
 *
 * <ol>
 *   <li>{@code <root>/<serviceKey>/config}, the registry's own node;
 *   <li>{@code <root>/_config/<env>/applications/<application>}, this process's application;
 *   <li>{@code <root>/_config/<env>/services/<serviceKey>}.
 * </ol>
 *
 * The merge is published once every layer has reported (its document, or none), then on every
 * valid change of any layer. Thread-safe; sinks are called one merge at a time.
 */
public final class LayeredConfigWatch implements ConfigWatches.Layers {

    private final List<ConfigWatch> layers;
    private final List<Consumer<DynamicConfig>> sinks = new CopyOnWriteArrayList<>();
    /** Guarded by this. */
    private final ConfigLayers merge;

    /**
     * @param environment the namespace of the configuration centre's documents
     * @param application this process's application; without one (empty) the application layer is skipped
     * @param rejected counts documents refused by any layer
     */
    public LayeredConfigWatch(
            CuratorFramework client,
            Layout layout,
            ServiceKey serviceKey,
            String environment,
            String application,
            Executor executor,
            LongAdder rejected) {
        List<ConfigWatch> watches = new ArrayList<>(3);
        watches.add(new ConfigWatch(client, layout.config(serviceKey), serviceKey, executor, rejected));
        if (!application.isEmpty()) {
            watches.add(new ConfigWatch(
                    client,
                    layout.applicationConfig(environment, application),
                    "application " + application + " in environment " + environment,
                    executor,
                    rejected));
        }
        watches.add(new ConfigWatch(
                client,
                layout.serviceConfig(environment, serviceKey),
                serviceKey + " in environment " + environment,
                executor,
                rejected));
        this.layers = List.copyOf(watches);
        this.merge = new ConfigLayers(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            int layer = i;
            layers.get(i).addSink(config -> onLayer(layer, config));
        }
    }

    public void start() {
        layers.forEach(ConfigWatch::start);
    }

    /** Adds {@code sink}; it receives the merged configuration at once if every layer has reported. */
    @Override
    public void addSink(Consumer<DynamicConfig> sink) {
        DynamicConfig now;
        synchronized (this) {
            sinks.add(sink);
            now = merge.merged();
            if (now != null) {
                sink.accept(now);
            }
        }
    }

    @Override
    public void removeSink(Consumer<DynamicConfig> sink) {
        sinks.remove(sink);
    }

    @Override
    public void close() {
        layers.forEach(ConfigWatch::close);
    }

    private synchronized void onLayer(int layer, DynamicConfig config) {
        DynamicConfig result = merge.set(layer, config);
        if (result == null) {
            return;
        }
        for (Consumer<DynamicConfig> sink : sinks) {
            sink.accept(result);
        }
    }
}
