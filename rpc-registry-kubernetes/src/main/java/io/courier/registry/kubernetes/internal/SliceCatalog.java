package io.courier.registry.kubernetes.internal;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.store.DocumentKey;
import io.courier.api.store.RegisteredConsumer;
import io.courier.api.store.RegistryCatalog;
import io.courier.core.document.DocumentException;
import io.courier.core.store.ConsumerRecord;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * What the registry holds now, read on each call: providers from the EndpointSlices of a service (ready,
 * not terminating, and for Courier's own slices renewed within their lease), consumers from their
 * Leases ({@link ConsumerLeases}, renewed within their duration), services from Courier's slices, the
 * consumer Leases and the service documents. A Service's own slices carry no service key (only its
 * label's digest), so a service only they serve is not listed by {@link #services()}. Thread-safe.
 */
public final class SliceCatalog implements RegistryCatalog {

    private static final Comparator<ServiceInstance> BY_ENDPOINT = Comparator.comparing(
            ServiceInstance::endpoint, Comparator.comparing(Endpoint::host).thenComparingInt(Endpoint::port));

    private final Supplier<KubernetesClient> client;
    private final String namespace;
    private final SliceLayout layout;
    private final DocumentLayout documents;

    public SliceCatalog(Supplier<KubernetesClient> client, String namespace, SliceLayout layout) {
        this.client = client;
        this.namespace = namespace;
        this.layout = layout;
        this.documents = new DocumentLayout(layout);
    }

    @Override
    public List<ServiceKey> services() {
        Set<String> keys = new TreeSet<>();
        Map<String, String> root = Map.of(SliceLayout.ROOT_LABEL, layout.root());
        try {
            for (EndpointSlice slice : slices(root)) {
                SliceReader.anyWrittenInstance(slice)
                        .ifPresent(instance -> keys.add(instance.serviceKey().toString()));
            }
            for (Lease lease : leases(root)) {
                addAnnotation(keys, lease.getMetadata().getAnnotations(), ConsumerLeases.SERVICE_KEY_ANNOTATION);
            }
            List<DocumentKey> serviceDocuments = new ArrayList<>();
            for (ConfigMap map : client.get()
                    .configMaps()
                    .inNamespace(namespace)
                    .withLabels(documents.documents())
                    .list()
                    .getItems()) {
                DocumentLayout.addKey(serviceDocuments, map);
            }
            serviceDocuments.stream()
                    .filter(key -> key.kind() == DocumentKey.Kind.SERVICE)
                    .forEach(key -> keys.add(key.name()));
        } catch (KubernetesClientException e) {
            throw ConfigMapDocuments.failed("listing the services", e);
        }
        List<ServiceKey> services = new ArrayList<>();
        keys.forEach(key -> services.add(ServiceKey.parse(key)));
        services.sort(Comparator.comparing(ServiceKey::toString));
        return List.copyOf(services);
    }

    @Override
    public List<ServiceInstance> providers(ServiceKey serviceKey) {
        Objects.requireNonNull(serviceKey, "serviceKey");
        SliceReader reader = new SliceReader(serviceKey);
        Map<Endpoint, ServiceInstance> byEndpoint = new HashMap<>();
        long now = System.currentTimeMillis();
        try {
            for (EndpointSlice slice : slices(layout.selector(serviceKey))) {
                if (SliceLayout.renewedWithinLease(slice, now)) {
                    reader.read(slice).forEach(instance -> byEndpoint.putIfAbsent(instance.endpoint(), instance));
                }
            }
        } catch (KubernetesClientException e) {
            throw ConfigMapDocuments.failed("listing the providers of " + serviceKey, e);
        }
        List<ServiceInstance> providers = new ArrayList<>(byEndpoint.values());
        providers.sort(BY_ENDPOINT);
        return List.copyOf(providers);
    }

    @Override
    public List<RegisteredConsumer> consumers(ServiceKey serviceKey) {
        Objects.requireNonNull(serviceKey, "serviceKey");
        List<RegisteredConsumer> consumers = new ArrayList<>();
        Instant now = Instant.now();
        for (Lease lease : leases(ConsumerLeases.selector(layout, serviceKey))) {
            Map<String, String> annotations = lease.getMetadata().getAnnotations();
            String data = annotations == null ? null : annotations.get(ConsumerLeases.RECORD_ANNOTATION);
            if (data == null || lease.getSpec() == null || !ConsumerLeases.live(lease, now)) {
                continue;
            }
            try {
                consumers.add(ConsumerRecord.decode(
                        lease.getSpec().getHolderIdentity(), data.getBytes(StandardCharsets.UTF_8)));
            } catch (DocumentException | RuntimeException e) {
                // not written by Courier, or by a newer format: left out
            }
        }
        consumers.sort(Comparator.comparing(RegisteredConsumer::application).thenComparing(RegisteredConsumer::id));
        return List.copyOf(consumers);
    }

    private List<EndpointSlice> slices(Map<String, String> labels) {
        return client.get()
                .discovery()
                .v1()
                .endpointSlices()
                .inNamespace(namespace)
                .withLabels(labels)
                .list()
                .getItems();
    }

    private List<Lease> leases(Map<String, String> labels) {
        try {
            return client.get()
                    .leases()
                    .inNamespace(namespace)
                    .withLabels(labels)
                    .list()
                    .getItems();
        } catch (KubernetesClientException e) {
            throw ConfigMapDocuments.failed("listing the consumers", e);
        }
    }

    private static void addAnnotation(Set<String> keys, Map<String, String> annotations, String name) {
        String value = annotations == null ? null : annotations.get(name);
        if (value != null) {
            try {
                keys.add(ServiceKey.parse(value).toString());
            } catch (IllegalArgumentException e) {
                // not written by Courier
            }
        }
    }
}
