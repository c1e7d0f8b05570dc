package io.courier.bootstrap.admin;

import io.courier.api.event.BrokerSnapshot;
import io.courier.bootstrap.status.CourierStatus;
import io.courier.bootstrap.status.ProviderStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The JSON documents of the admin endpoint, as plain maps and lists (written by Jackson): one
 * shape per view of {@link CourierStatus}, shared with the Spring Boot Actuator endpoint.
 */
public final class Documents {

    private Documents() {}

    /** {@code /health/live}: the process answers; the phase says where it is. */
    static Map<String, Object> live(CourierStatus status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "UP");
        body.put("phase", name(status.phase()));
        return body;
    }

    /** {@code /health/ready} when ready; otherwise the problem document {@link AdminExchange#problem} writes. */
    static Map<String, Object> ready(CourierStatus status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "UP");
        body.put("ready", true);
        body.put("phase", name(status.phase()));
        return body;
    }

    /** {@code /services}: the application, its registry and each exported service's registration. */
    public static Map<String, Object> services(CourierStatus status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("application", status.application());
        body.put("phase", name(status.phase()));
        body.put("registry", name(status.registry()));
        body.put("online", status.online());
        List<Map<String, Object>> services = new ArrayList<>();
        for (CourierStatus.ServiceStatus export : status.exports()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("service", export.serviceKey().toString());
            entry.put("registration", name(export.registration()));
            if (!export.leaderGroup().isEmpty()) {
                entry.put("leaderGroup", export.leaderGroup());
                entry.put("leading", export.leading());
            }
            services.add(entry);
        }
        body.put("services", services);
        return body;
    }

    /** The {@code server} entry of {@code /services}: connections, calls in flight, queued answer bytes. */
    static Map<String, Object> server(ProviderStatus server) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("openConnections", server.openConnections());
        body.put("inFlight", server.inFlight());
        body.put("queuedOutboundBytes", server.queuedOutboundBytes());
        return body;
    }

    /** {@code /references}: each reference and the providers it sees, with their state. */
    public static Map<String, Object> references(CourierStatus status) {
        List<Map<String, Object>> references = new ArrayList<>();
        for (CourierStatus.ReferenceStatus reference : status.references()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("service", reference.serviceKey().toString());
            entry.put("interface", reference.serviceInterface());
            entry.put("required", reference.required());
            entry.put("direct", reference.direct());
            entry.put("providers", reference.providers());
            List<Map<String, Object>> instances = new ArrayList<>();
            for (CourierStatus.InstanceStatus instance : reference.instances()) {
                Map<String, Object> provider = new LinkedHashMap<>();
                provider.put("address", instance.endpoint().toString());
                provider.put("connection", name(instance.connection()));
                provider.put("ejected", instance.ejected());
                provider.put("breakerOpen", instance.breakerOpen());
                provider.put("warmingUp", instance.warmingUp());
                provider.put("weight", instance.weight());
                provider.put("inFlight", instance.inFlight());
                instances.add(provider);
            }
            entry.put("instances", instances);
            references.add(entry);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("application", status.application());
        body.put("references", references);
        return body;
    }

    /**
     * {@code /config}: every key, its effective value (secrets hidden) and its source; the application
     * settings whose centre value is refused now.
     */
    static Map<String, Object> config(List<ConfigEntry> entries, Map<String, String> rejectedSettings) {
        List<Map<String, Object>> keys = new ArrayList<>(entries.size());
        for (ConfigEntry entry : entries) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("key", entry.key());
            row.put("value", Secrets.shown(entry));
            row.put("source", entry.source());
            keys.add(row);
        }
        return Map.of("keys", keys, "rejectedSettings", new TreeMap<>(rejectedSettings));
    }

    /**
     * {@code /events}: the event broker's topics with their partitions' offsets, and each subscription's
     * group with its lag per partition, paused state and counts; {@code "open": false} and empty lists
     * when the application has not opened its broker. An offset or lag that is not known is null.
     */
    public static Map<String, Object> events(Optional<BrokerSnapshot> opened) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("open", opened.isPresent());
        if (opened.isEmpty()) {
            body.put("topics", List.of());
            body.put("subscriptions", List.of());
            return body;
        }
        BrokerSnapshot snapshot = opened.get();
        body.put("broker", snapshot.broker());
        body.put("takenAt", snapshot.takenAt().toString());
        body.put("error", snapshot.error().isEmpty() ? null : snapshot.error());
        body.put("topics", topics(snapshot));
        body.put("subscriptions", groups(snapshot));
        if (!snapshot.notShown().isEmpty()) {
            body.put("notShown", snapshot.notShown());
        }
        return body;
    }

    /** The broker's topics, each with its partitions' offsets. */
    private static List<Map<String, Object>> topics(BrokerSnapshot snapshot) {
        List<Map<String, Object>> topics = new ArrayList<>();
        for (BrokerSnapshot.Topic topic : snapshot.topics()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("topic", topic.name());
            row.put("deadLetter", topic.deadLetter());
            row.put("retained", known(topic.retained()));
            row.put("written", known(topic.written()));
            List<Map<String, Object>> partitions = new ArrayList<>();
            for (BrokerSnapshot.Partition partition : topic.partitions()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("partition", partition.partition());
                entry.put("startOffset", partition.startOffset());
                entry.put("endOffset", partition.endOffset());
                partitions.add(entry);
            }
            row.put("partitions", partitions);
            topics.add(row);
        }
        return topics;
    }

    /** The subscriptions' groups, each with its lag per partition; no lag when the snapshot failed. */
    private static List<Map<String, Object>> groups(BrokerSnapshot snapshot) {
        List<Map<String, Object>> groups = new ArrayList<>();
        for (BrokerSnapshot.Group group : snapshot.subscriptions()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("topic", group.topic());
            row.put("group", group.group());
            row.put("deadLetterTopic", group.deadLetterTopic());
            row.put("concurrency", group.concurrency());
            row.put("paused", group.paused());
            row.put("state", group.state().isEmpty() ? null : group.state());
            row.put("members", group.members() < 0 ? null : group.members());
            row.put("lag", snapshot.error().isEmpty() ? group.lag() : null);
            row.put("handled", group.handled());
            row.put("retried", group.retried());
            row.put("deadLettered", group.deadLettered());
            row.put("unreadable", group.unreadable());
            List<Map<String, Object>> partitions = new ArrayList<>();
            for (BrokerSnapshot.PartitionLag partition : group.partitions()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("partition", partition.partition());
                entry.put("committedOffset", partition.committedOffset() < 0 ? null : partition.committedOffset());
                entry.put("endOffset", known(partition.endOffset()));
                entry.put("lag", partition.lag() < 0 ? null : partition.lag());
                entry.put("owner", partition.owner());
                partitions.add(entry);
            }
            row.put("partitions", partitions);
            groups.add(row);
        }
        return groups;
    }

    /** {@code value}, or null when the broker cannot tell (-1). */
    private static Long known(long value) {
        return value < 0 ? null : value;
    }

    /** {@code /offline}, {@code /online}: the switch's position after the request. */
    static Map<String, Object> switched(CourierStatus status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("online", status.online());
        body.put("phase", name(status.phase()));
        return body;
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
