package io.courier.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.courier.api.DynamicConfig;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.registry.zookeeper.internal.Layout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/**
 * The registry as the page shows it: provider rows with the state the service's configuration gives
 * them, and the consumers, read from ZooKeeper (the layout of {@link Layout}; the configuration
 * centre lists services and providers, not consumers). A consumer node whose data is not a small
 * JSON object is skipped. Blocking; thread-safe.
 */
final class RegistryView {

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

    /** The services-list row of {@code key}. */
    ServiceRow row(ServiceKey key, int providers) throws Exception {
        return new ServiceRow(
                key.toString(),
                key.group(),
                key.interfaceName(),
                key.version(),
                providers,
                children(layout.consumers(key)).size());
    }

    /** The providers as the page shows them, their state from {@code config} (the service's document). */
    static List<ProviderRow> providers(List<ServiceInstance> instances, DynamicConfig config, long nowMillis) {
        List<ProviderRow> rows = new ArrayList<>();
        for (ServiceInstance instance : instances) {
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
