package io.courier.registry.etcd;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.store.RegisteredConsumer;
import io.courier.api.store.RegistryCatalog;
import io.courier.core.document.DocumentException;
import io.courier.core.store.ConsumerRecord;
import io.courier.registry.etcd.internal.InstanceJson;
import io.courier.registry.etcd.internal.client.KeyLayout;
import io.etcd.jetcd.KeyValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's keys read on demand: the service segments under the root (the reserved {@code _}
 * names skipped), provider keys ({@link InstanceJson}) and consumer keys ({@link ConsumerRecord}), each
 * list in one range request.
 */
final class EtcdCatalog implements RegistryCatalog {

    private static final Logger log = LoggerFactory.getLogger(EtcdCatalog.class);

    private final EtcdStore store;
    private final KeyLayout layout;

    EtcdCatalog(EtcdStore store, KeyLayout layout) {
        this.store = store;
        this.layout = layout;
    }

    @Override
    public List<ServiceKey> services() {
        List<String> keys = store.range("the services", layout.root(), true, 0).getKvs().stream()
                .map(EtcdStore::key)
                .toList();
        return layout.services(keys, (key, name) -> true);
    }

    @Override
    public List<ServiceInstance> providers(ServiceKey serviceKey) {
        Objects.requireNonNull(serviceKey, "serviceKey");
        List<ServiceInstance> providers = new ArrayList<>();
        for (KeyValue kv :
                store.range(serviceKey, layout.providers(serviceKey), false, 0).getKvs()) {
            try {
                providers.add(InstanceJson.decode(kv.getValue().getBytes()));
            } catch (IllegalArgumentException e) {
                log.debug("Skipping the unreadable provider key {}: {}", EtcdStore.key(kv), e.getMessage());
            }
        }
        providers.sort(Comparator.comparing(ServiceInstance::endpoint, Comparator.comparing(Endpoint::toString)));
        return providers;
    }

    @Override
    public List<RegisteredConsumer> consumers(ServiceKey serviceKey) {
        Objects.requireNonNull(serviceKey, "serviceKey");
        String prefix = layout.consumers(serviceKey);
        List<RegisteredConsumer> consumers = new ArrayList<>();
        for (KeyValue kv : store.range(serviceKey, prefix, false, 0).getKvs()) {
            String id = KeyLayout.segment(EtcdStore.key(kv), prefix, true);
            if (id == null) {
                continue;
            }
            try {
                consumers.add(ConsumerRecord.decode(id, kv.getValue().getBytes()));
            } catch (DocumentException e) {
                log.debug("Skipping the unreadable consumer key {} of {}: {}", id, serviceKey, e.getMessage());
            }
        }
        consumers.sort(Comparator.comparing(RegisteredConsumer::application).thenComparing(RegisteredConsumer::id));
        return consumers;
    }
}
