package io.courier.registry.kubernetes.internal;

import io.courier.api.DynamicConfig;
import io.courier.api.ServiceKey;
import io.courier.api.store.DocumentKey;
import io.courier.core.document.ConfigLayers;
import io.courier.core.document.ConfigParser;
import io.courier.core.document.ConfigWatches;
import io.courier.core.document.DocumentException;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration of one service as a consumer of it sees it: the configuration centre's documents
 * of this process's application (skipped without one) and of the service, in the options' environment,
 * each followed by a {@link DocumentWatch}, validated on its own by the one parser of every registry (a
 * refused document is logged, counted and changes nothing), merged with the later layer winning
 * ({@link ConfigLayers}). Published once both are read, then on every valid change that changes the
 * merge. Thread-safe: the layers report on {@code executor}, one thread, where sinks are added and called.
 */
public final class DocumentLayers implements ConfigWatches.Layers {

    private static final Logger log = LoggerFactory.getLogger(DocumentLayers.class);

    private final List<DocumentWatch> layers = new ArrayList<>(2);
    private final ConfigLayers merge; // confined to the executor
    private final List<Consumer<DynamicConfig>> sinks = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService executor;
    private final LongAdder rejected;

    public DocumentLayers(
            KubernetesClient client,
            String namespace,
            DocumentLayout layout,
            ServiceKey serviceKey,
            String environment,
            String application,
            ScheduledExecutorService executor,
            LongAdder rejected) {
        this.executor = executor;
        this.rejected = rejected;
        List<DocumentKey> keys = new ArrayList<>(2);
        if (!application.isEmpty()) {
            keys.add(DocumentKey.application(environment, application));
        }
        keys.add(DocumentKey.service(environment, serviceKey));
        this.merge = new ConfigLayers(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            int layer = i;
            DocumentKey key = keys.get(i);
            layers.add(new DocumentWatch(
                    client, namespace, layout.name(key), key.toString(), executor, text -> onLayer(layer, key, text)));
        }
    }

    public DocumentLayers start() {
        layers.forEach(DocumentWatch::start);
        return this;
    }

    @Override
    public void addSink(Consumer<DynamicConfig> sink) {
        try {
            // on the executor, so that no merge published meanwhile can be overtaken by an older one
            executor.execute(() -> {
                sinks.add(sink);
                if (merge.merged() != null) {
                    sink.accept(merge.merged());
                }
            });
        } catch (RejectedExecutionException e) {
            // the registry is closing
        }
    }

    @Override
    public void removeSink(Consumer<DynamicConfig> sink) {
        sinks.remove(sink);
    }

    @Override
    public void close() {
        layers.forEach(DocumentWatch::close);
        sinks.clear();
    }

    private void onLayer(int layer, DocumentKey key, String text) {
        DynamicConfig config;
        try {
            config = ConfigParser.parse(text.getBytes(StandardCharsets.UTF_8));
        } catch (DocumentException e) {
            rejected.increment();
            log.warn("Rejected the dynamic configuration {}: {}; the previous one stays in force", key, e.getMessage());
            if (merge.has(layer)) {
                return;
            }
            config = DynamicConfig.EMPTY; // nothing good was ever read: the layer counts as empty
        }
        DynamicConfig result = merge.set(layer, config);
        if (result != null) {
            sinks.forEach(sink -> sink.accept(result));
        }
    }
}
