package io.courier.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courier.api.DynamicConfig;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.registry.zookeeper.internal.DocumentException;
import io.courier.registry.zookeeper.internal.InstanceCodec;
import io.courier.registry.zookeeper.internal.Layout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what the registry holds about services straight from ZooKeeper (the layout of {@link
 * Layout}): every service key under the root, its providers as they registered, and its consumers.
 * Nodes whose data is not a valid document are skipped with a log line, never shown half-read.
 * Blocking; thread-safe.
 */
final class RegistryView {

    private static final Logger log = LoggerFactory.getLogger(RegistryView.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One row of the services list. */
    record ServiceRow(String key, String group, String interfaceName, String version, int providers, int consumers) {}

    /** A provider as the console shows it; {@code configuredWeight} is null when none is configured. */
    record ProviderRow(
            String address,
            String application,
            List<String> tags,
            int registeredWeight,
            Integer configuredWeight,
            String state,
            long startedAtMillis) {}

    /** A consumer's registry client. */
    record ConsumerRow(String id, String application, String host, long pid) {}

    private final CuratorFramework zookeeper;
    private final Layout layout;

    RegistryView(CuratorFramework zookeeper, Layout layout) {
        this.zookeeper = zookeeper;
        this.layout = layout;
    }

    List<ServiceRow> services() throws Exception {
        List<ServiceRow> rows = new ArrayList<>();
        for (String child : children(layout.root())) {
            ServiceKey key;
            try {
                key = ServiceKey.parse(Layout.nodeName("/" + child));
            } catch (IllegalArgumentException e) {
                continue; // not a service node
            }
            rows.add(new ServiceRow(
                    key.toString(),
                    key.group(),
                    key.interfaceName(),
                    key.version(),
                    children(layout.providers(key)).size(),
                    children(layout.consumers(key)).size()));
        }
        rows.sort(Comparator.comparing(ServiceRow::key));
        return rows;
    }

    List<ProviderRow> providers(ServiceKey key, DynamicConfig config, long nowMillis) throws Exception {
        List<ProviderRow> rows = new ArrayList<>();
        for (String child : children(layout.providers(key))) {
            byte[] data = read(layout.providers(key) + "/" + child);
            if (data == null) {
                continue;
            }
            ServiceInstance instance;
            try {
                instance = InstanceCodec.decode(data);
            } catch (DocumentException e) {
                log.warn("Skipping provider node {} of {}: {}", child, key, e.getMessage());
                continue;
            }
            Integer configured = config.weights().get(instance.endpoint());
            rows.add(new ProviderRow(
                    instance.endpoint().toString(),
                    instance.application(),
                    List.copyOf(new TreeSet<>(instance.tags())),
                    instance.weight(),
                    configured,
                    state(instance, config, configured, nowMillis),
                    instance.startedAtMillis()));
        }
        rows.sort(Comparator.comparing(ProviderRow::address));
        return rows;
    }

    List<ConsumerRow> consumers(ServiceKey key) throws Exception {
        List<ConsumerRow> rows = new ArrayList<>();
        for (String child : children(layout.consumers(key))) {
            byte[] data = read(layout.consumers(key) + "/" + child);
            JsonNode description;
            try {
                description = data == null || data.length > 4096 ? null : JSON.readTree(data);
            } catch (java.io.IOException e) {
                description = null;
            }
            if (description == null || !description.isObject()) {
                continue;
            }
            rows.add(new ConsumerRow(
                    Layout.nodeName("/" + child),
                    description.path("application").asText(""),
                    description.path("host").asText(""),
                    description.path("pid").asLong()));
        }
        rows.sort(Comparator.comparing(ConsumerRow::application).thenComparing(ConsumerRow::id));
        return rows;
    }

    private static String state(ServiceInstance instance, DynamicConfig config, Integer configured, long now) {
        if (config.disabled().contains(instance.endpoint())) {
            return "offline";
        }
        if (configured != null && configured == 0) {
            return "drained";
        }
        if (instance.warmupMillis() > 0 && now < instance.startedAtMillis() + instance.warmupMillis()) {
            return "warming up";
        }
        return "online";
    }

    private List<String> children(String path) throws Exception {
        try {
            return zookeeper.getChildren().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        }
    }

    private byte[] read(String path) throws Exception {
        try {
            return zookeeper.getData().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return null;
        }
    }
}
