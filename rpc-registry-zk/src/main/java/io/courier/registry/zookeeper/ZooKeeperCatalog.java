package io.courier.registry.zookeeper;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.store.RegisteredConsumer;
import io.courier.api.store.RegistryCatalog;
import io.courier.core.document.DocumentException;
import io.courier.core.document.InstanceCodec;
import io.courier.core.store.ConsumerRecord;
import io.courier.registry.zookeeper.internal.Layout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's nodes read on demand: the service folders under the root (the reserved {@code _}
 * names skipped), provider nodes ({@link InstanceCodec}) and consumer nodes ({@link ConsumerRecord}).
 */
final class ZooKeeperCatalog implements RegistryCatalog {

    private static final Logger log = LoggerFactory.getLogger(ZooKeeperCatalog.class);

    private final ZooKeeperStore store;
    private final Layout layout;

    ZooKeeperCatalog(ZooKeeperStore store, Layout layout) {
        this.store = store;
        this.layout = layout;
    }

    @Override
    public List<ServiceKey> services() {
        List<ServiceKey> services = new ArrayList<>();
        for (String name : store.children(layout.root())) {
            if (name.startsWith("_")) {
                continue; // _config, _coordination: reserved, not services
            }
            try {
                services.add(ServiceKey.parse(name));
            } catch (IllegalArgumentException e) {
                // not a service node
            }
        }
        return services;
    }

    @Override
    public List<ServiceInstance> providers(ServiceKey serviceKey) {
        Objects.requireNonNull(serviceKey, "serviceKey");
        String folder = layout.providers(serviceKey);
        List<ServiceInstance> providers = new ArrayList<>();
        for (String name : store.rawChildren(serviceKey, folder)) {
            byte[] data = store.data(serviceKey, folder + "/" + name);
            if (data == null) {
                continue; // gone between the listing and the read
            }
            try {
                providers.add(InstanceCodec.decode(data));
            } catch (DocumentException e) {
                log.debug("Skipping the unreadable provider node {}/{}: {}", folder, name, e.getMessage());
            }
        }
        providers.sort(Comparator.comparing(ServiceInstance::endpoint, Comparator.comparing(Endpoint::toString)));
        return providers;
    }

    @Override
    public List<RegisteredConsumer> consumers(ServiceKey serviceKey) {
        Objects.requireNonNull(serviceKey, "serviceKey");
        List<RegisteredConsumer> consumers = new ArrayList<>();
        for (String id : store.children(layout.consumers(serviceKey))) {
            byte[] data = store.data(serviceKey, layout.consumer(serviceKey, id));
            if (data == null) {
                continue;
            }
            try {
                consumers.add(ConsumerRecord.decode(id, data));
            } catch (DocumentException e) {
                log.debug("Skipping the unreadable consumer node {} of {}: {}", id, serviceKey, e.getMessage());
            }
        }
        consumers.sort(Comparator.comparing(RegisteredConsumer::application).thenComparing(RegisteredConsumer::id));
        return consumers;
    }
}
