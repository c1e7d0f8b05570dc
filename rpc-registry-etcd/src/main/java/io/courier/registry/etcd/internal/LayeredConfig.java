package io.courier.registry.etcd.internal;

import io.courier.api.DynamicConfig;
import io.courier.api.ServiceKey;
import io.courier.core.document.ConfigLayers;
import io.courier.core.document.ConfigParser;
import io.courier.core.document.ConfigWatches;
import io.courier.core.document.DocumentException;
import io.courier.registry.etcd.internal.client.KeyLayout;
import io.courier.registry.etcd.internal.client.QuietTasks;
import io.etcd.jetcd.Client;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration of one service as a consumer of it sees it, as in the ZooKeeper registry: three
 * documents, each followed by a {@link KeyWatch}, validated on its own by the one parser of every
 * registry ({@link ConfigParser}; a refused document is logged, counted and changes nothing, its last
 * good version stays), and merged field by field with the later layers winning ({@link
 * DynamicConfig#over}):
 *
 * <ol>
 *   <li>{@code <root>/<serviceKey>/config}, the registry's own key;
 *   <li>{@code <root>/_config/<env>/applications/<application>}, this process's application (skipped
 *       without one);
 *   <li>{@code <root>/_config/<env>/services/<serviceKey>}.
 * </ol>
 *
 * The merge is published once every layer has been read, then on every valid change that changes it.
 * Thread-safe: layers report on {@code executor}, one thread, where the sinks are added and called.
 */
public final class LayeredConfig implements ConfigWatches.Layers {

    private static final Logger log = LoggerFactory.getLogger(LayeredConfig.class);

    private final List<KeyWatch> layers = new ArrayList<>(3);
    private final ConfigLayers merge; // confined to the executor
    private final List<Consumer<DynamicConfig>> sinks = new CopyOnWriteArrayList<>();
    private final LongAdder rejected;
    private final QuietTasks tasks;

    public LayeredConfig(
            Client client,
            KeyLayout layout,
            ServiceKey serviceKey,
            String environment,
            String application,
            ScheduledExecutorService executor,
            LongAdder rejected) {
        this.rejected = rejected;
        this.tasks = new QuietTasks(executor);
        List<String> keys = new ArrayList<>(3);
        List<String> subjects = new ArrayList<>(3);
        keys.add(layout.config(serviceKey));
        subjects.add(serviceKey.toString());
        if (!application.isEmpty()) {
            keys.add(layout.applicationConfig(environment, application));
            subjects.add("application " + application + " in environment " + environment);
        }
        keys.add(layout.serviceConfig(environment, serviceKey));
        subjects.add(serviceKey + " in environment " + environment);
        this.merge = new ConfigLayers(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            int layer = i;
            String subject = subjects.get(i);
            layers.add(new KeyWatch(client, keys.get(i), subject, executor, data -> onLayer(layer, subject, data)));
        }
    }

    public void start() {
        layers.forEach(KeyWatch::start);
    }

    /** Adds {@code sink}; it hears the merged configuration at once (on the executor) if there is one. */
    @Override
    public void addSink(Consumer<DynamicConfig> sink) {
        // on the executor, so that no merge published meanwhile can be overtaken by an older one
        tasks.run(() -> {
            sinks.add(sink);
            if (merge.merged() != null) {
                sink.accept(merge.merged());
            }
        });
    }

    @Override
    public void removeSink(Consumer<DynamicConfig> sink) {
        sinks.remove(sink);
    }

    @Override
    public void close() {
        layers.forEach(KeyWatch::close);
        sinks.clear();
    }

    private void onLayer(int layer, String subject, byte[] data) {
        DynamicConfig config;
        try {
            config = ConfigParser.parse(data);
        } catch (DocumentException e) {
            rejected.increment();
            log.warn(
                    "Rejected the dynamic configuration of {}: {}; the previous configuration stays in force",
                    subject,
                    e.getMessage());
            if (merge.has(layer)) {
                return;
            }
            config = DynamicConfig.EMPTY; // nothing good was ever read: the layer counts as empty
        }
        DynamicConfig result = merge.set(layer, config);
        if (result == null) {
            return;
        }
        for (Consumer<DynamicConfig> sink : sinks) {
            sink.accept(result);
        }
    }
}
