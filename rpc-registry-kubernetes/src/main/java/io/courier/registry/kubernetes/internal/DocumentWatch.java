package io.courier.registry.kubernetes.internal;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the text in force of one document (its ConfigMap, {@link DocumentLayout}) with an informer on
 * that one name: the text once the first list is complete (empty for no ConfigMap), then each
 * change of it (empty once deleted). Deliveries run on {@code deliveries}, which must run tasks one at a
 * time in order; a listener that throws is logged. Thread-safe.
 */
public final class DocumentWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DocumentWatch.class);

    private final String subject;
    private final Executor deliveries;
    private final Consumer<String> listener;
    private final SharedIndexInformer<ConfigMap> informer;
    private volatile boolean closed;
    private String last; // confined to deliveries

    public DocumentWatch(
            KubernetesClient client,
            String namespace,
            String name,
            String subject,
            Executor deliveries,
            Consumer<String> listener) {
        this.subject = subject;
        this.deliveries = deliveries;
        this.listener = listener;
        this.informer =
                client.configMaps().inNamespace(namespace).withName(name).runnableInformer(0);
    }

    /** Starts following; the first delivery comes once the ConfigMap has been read. */
    public DocumentWatch start() {
        informer.exceptionHandler((started, error) -> {
            log.warn("Following the document {} failed; retrying: {}", subject, error.toString());
            return true;
        });
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(ConfigMap map) {
                deliver(DocumentLayout.text(map));
            }

            @Override
            public void onUpdate(ConfigMap previous, ConfigMap map) {
                deliver(DocumentLayout.text(map));
            }

            @Override
            public void onDelete(ConfigMap map, boolean finalStateUnknown) {
                deliver("");
            }
        });
        informer.start().whenComplete((ignored, error) -> {
            if (error == null) {
                List<ConfigMap> held = informer.getStore().list();
                deliver(held.isEmpty() ? "" : DocumentLayout.text(held.get(0)));
            }
        });
        return this;
    }

    @Override
    public void close() {
        closed = true;
        informer.stop();
    }

    private void deliver(String text) {
        try {
            deliveries.execute(() -> {
                if (closed || text.equals(last)) {
                    return;
                }
                last = text;
                try {
                    listener.accept(text);
                } catch (RuntimeException e) {
                    log.error("A listener of the document {} failed", subject, e);
                }
            });
        } catch (RejectedExecutionException e) {
            // the store is closing
        }
    }
}
