package io.courier.registry.kubernetes;

import io.courier.api.registry.RegistryOptions;
import io.courier.api.store.ClientStore;
import io.courier.api.store.StoreException;
import io.courier.core.concurrent.DaemonThreads;
import io.courier.registry.kubernetes.internal.ConfigMapDocuments;
import io.courier.registry.kubernetes.internal.DocumentLayout;
import io.courier.registry.kubernetes.internal.SliceCatalog;
import io.courier.registry.kubernetes.internal.SliceLayout;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The registry store on the Kubernetes API: the configuration centre's documents on ConfigMaps with
 * their history ({@link ConfigMapDocuments}: writes conditional on the resourceVersion read), and the
 * catalog from the EndpointSlices and consumer Leases the registry writes ({@link SliceCatalog}). Opened
 * by the {@code kubernetes} {@link io.courier.api.store.RegistryStoreFactory}. Thread-safe.
 */
final class KubernetesStore extends ClientStore<KubernetesClient> {

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private KubernetesStore(KubernetesClient client, ExecutorService deliveries, SliceLayout layout) {
        super(client, deliveries);
        ConfigMapDocuments documents =
                new ConfigMapDocuments(this::openClient, client.getNamespace(), new DocumentLayout(layout), deliveries);
        parts(documents, new SliceCatalog(this::openClient, client.getNamespace(), layout), documents::closeWatches);
    }

    /**
     * Opens the store of {@code options}' address, once the API server answered.
     *
     * @throws StoreException if the API server does not answer within the connection timeout
     */
    static KubernetesStore open(RegistryOptions options, KubernetesAddress address) {
        SliceLayout layout = new SliceLayout(options.root());
        KubernetesClient client = KubernetesClients.build(address, options);
        try {
            client.configMaps()
                    .inNamespace(client.getNamespace())
                    .withLabels(new DocumentLayout(layout).documents())
                    .list();
        } catch (KubernetesClientException e) {
            client.close();
            throw new StoreException(
                    "The Kubernetes API server " + client.getMasterUrl() + " is not reachable within "
                            + options.connectionTimeoutMillis() + " ms: " + e.getMessage(),
                    e);
        }
        ExecutorService deliveries = Executors.newSingleThreadExecutor(
                new DaemonThreads("courier-kubernetes-store-" + INSTANCES.incrementAndGet()));
        return new KubernetesStore(client, deliveries, layout);
    }
}
