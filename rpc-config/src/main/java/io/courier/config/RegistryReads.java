package io.courier.config;

import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.registry.zookeeper.internal.DocumentException;
import io.courier.registry.zookeeper.internal.InstanceCodec;
import io.courier.registry.zookeeper.internal.Layout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads of the registry's nodes (services and providers), and the error handling every read shares. */
class RegistryReads {

    static final Logger log = LoggerFactory.getLogger(ConfigCentre.class);

    final CuratorFramework client;
    final Layout layout;

    RegistryReads(CuratorFramework client, Layout layout) {
        this.client = client;
        this.layout = layout;
    }

    /** A ZooKeeper operation; may throw anything Curator throws. */
    interface ZkCall<T> {
        T call() throws Exception;
    }

    /** {@code call}'s value, or null if a node it reads does not exist. */
    static <T> T orNull(ZkCall<T> call) throws Exception {
        try {
            return call.call();
        } catch (KeeperException.NoNodeException e) {
            return null;
        }
    }

    /** {@code call}'s value; any failure becomes a {@link ConfigException} naming {@code what}. */
    static <T> T call(Object what, ZkCall<T> call) {
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw unreachable(what, e);
        }
    }

    static ConfigException unreachable(Object what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new ConfigException("ZooKeeper operation for " + what + " failed: " + e, e);
    }

    /** The decoded names of {@code path}'s children, sorted; empty if it does not exist. */
    List<String> children(String path) {
        List<String> names = call(path, () -> orNull(() -> client.getChildren().forPath(path)));
        if (names == null) {
            return List.of();
        }
        List<String> decoded = new ArrayList<>(names.size());
        for (String name : names) {
            try {
                decoded.add(Layout.nodeName(path + "/" + name));
            } catch (IllegalArgumentException e) {
                // not a name Courier writes
            }
        }
        decoded.sort(null);
        return decoded;
    }

    List<ServiceKey> services() {
        List<ServiceKey> services = new ArrayList<>();
        for (String name : children(layout.root())) {
            if (name.startsWith("_")) {
                continue;
            }
            try {
                services.add(ServiceKey.parse(name));
            } catch (IllegalArgumentException e) {
                // not a service node
            }
        }
        return services;
    }

    List<ServiceInstance> providers(ServiceKey serviceKey) {
        String folder = layout.providers(serviceKey);
        List<ServiceInstance> providers = new ArrayList<>();
        List<String> names =
                call(serviceKey, () -> orNull(() -> client.getChildren().forPath(folder)));
        for (String name : names == null ? List.<String>of() : names) {
            byte[] data = call(serviceKey, () -> orNull(() -> client.getData().forPath(folder + "/" + name)));
            if (data == null) {
                continue;
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
}
