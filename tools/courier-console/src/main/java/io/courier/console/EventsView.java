package io.courier.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code /api/events}: the topics and consumer groups of every polled application's event broker
 * (each one's {@code /events}), merged. Instances of one application report the same topic and group:
 * the offsets and lags shown are those of the newest answer, the counts (handled, retried, dead
 * letters) are summed, and each instance's paused state is listed. Every text in it came from an admin
 * endpoint; the page shows it as text only. At most {@link #MAX_ROWS} topics and groups, and {@link
 * #MAX_PARTITIONS} partitions each, are taken from one answer.
 */
final class EventsView {

    static final int MAX_ROWS = 500;
    static final int MAX_PARTITIONS = 1024;

    private final Traffic traffic;

    EventsView(Traffic traffic) {
        this.traffic = traffic;
    }

    /** A topic or group as the newest answer shows it, with who reported it. */
    private static final class Merged {
        JsonNode newest;
        String newestAt = "";
        String kind = "";
        final Set<String> applications = new TreeSet<>();
        final List<Map<String, Object>> instances = new ArrayList<>();
        long handled;
        long retried;
        long deadLettered;
        long unreadable;

        void offer(JsonNode row, String takenAt, String application) {
            applications.add(application);
            boolean hasOffsets = !row.path("partitions").isEmpty();
            boolean newestHas = newest != null && !newest.path("partitions").isEmpty();
            // offsets beat no offsets (a snapshot whose brokers did not answer), then the newer wins
            if (newest == null
                    || (hasOffsets && !newestHas)
                    || (hasOffsets == newestHas && takenAt.compareTo(newestAt) > 0)) {
                newest = row;
                newestAt = takenAt;
            }
        }
    }

    Map<String, Object> view() {
        return traffic.read((picture, instances) -> {
            Map<String, Merged> topics = new TreeMap<>();
            Map<String, Merged> groups = new TreeMap<>();
            List<Map<String, Object>> brokers = new ArrayList<>();
            for (PolledInstance instance : instances) {
                JsonNode events = instance.events;
                if (events == null || !events.path("open").asBoolean(false)) {
                    continue;
                }
                String application = instance.application;
                String takenAt = events.path("takenAt").asText("");
                Map<String, Object> broker = new LinkedHashMap<>();
                broker.put("admin", instance.admin);
                broker.put("application", application);
                broker.put("broker", events.path("broker").asText(""));
                broker.put(
                        "error",
                        events.path("error").isTextual() ? events.path("error").asText() : null);
                List<String> notShown = new ArrayList<>();
                limited(events.path("notShown"), MAX_ROWS).forEach(line -> notShown.add(line.asText()));
                broker.put("notShown", notShown);
                brokers.add(broker);
                String kind = events.path("broker").asText("").split(" ", 2)[0];
                for (JsonNode topic : limited(events.path("topics"), MAX_ROWS)) {
                    String name = topic.path("topic").asText("");
                    if (!name.isEmpty()) {
                        topics.computeIfAbsent(name, n -> new Merged()).offer(topic, takenAt, application);
                    }
                }
                for (JsonNode group : limited(events.path("subscriptions"), MAX_ROWS)) {
                    String key = group.path("topic").asText("") + "/"
                            + group.path("group").asText("");
                    Merged merged = groups.computeIfAbsent(key, k -> new Merged());
                    merged.offer(group, takenAt, application);
                    merged.kind = kind;
                    merged.handled += group.path("handled").asLong();
                    merged.retried += group.path("retried").asLong();
                    merged.deadLettered += group.path("deadLettered").asLong();
                    merged.unreadable += group.path("unreadable").asLong();
                    Map<String, Object> member = new LinkedHashMap<>();
                    member.put("admin", instance.admin);
                    member.put("application", application);
                    member.put("paused", group.path("paused").asBoolean());
                    member.put("concurrency", group.path("concurrency").asInt());
                    merged.instances.add(member);
                }
            }
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("pollMillis", Traffic.POLL_MILLIS);
            view.put("brokers", brokers);
            view.put("topics", topics.values().stream().map(EventsView::topic).toList());
            view.put("groups", groups.values().stream().map(EventsView::group).toList());
            return view;
        });
    }

    private static Map<String, Object> topic(Merged merged) {
        JsonNode topic = merged.newest;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("topic", topic.path("topic").asText());
        row.put("deadLetter", topic.path("deadLetter").asBoolean());
        row.put("retained", number(topic.path("retained")));
        row.put("written", number(topic.path("written")));
        row.put("partitions", topic.path("partitions").size());
        row.put("applications", merged.applications);
        return row;
    }

    private static Map<String, Object> group(Merged merged) {
        JsonNode group = merged.newest;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("topic", group.path("topic").asText());
        row.put("group", group.path("group").asText());
        row.put("deadLetterTopic", group.path("deadLetterTopic").asText());
        row.put("broker", merged.kind);
        row.put("state", group.path("state").asText(""));
        row.put("members", number(group.path("members")));
        row.put("lag", group.path("lag").isIntegralNumber() ? group.path("lag").asLong() : null);
        row.put("handled", merged.handled);
        row.put("retried", merged.retried);
        row.put("deadLettered", merged.deadLettered);
        row.put("unreadable", merged.unreadable);
        row.put("applications", merged.applications);
        row.put("instances", merged.instances);
        List<Map<String, Object>> partitions = new ArrayList<>();
        for (JsonNode partition : limited(group.path("partitions"), MAX_PARTITIONS)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("partition", partition.path("partition").asInt());
            entry.put("owner", partition.path("owner").asText(""));
            entry.put("committedOffset", number(partition.path("committedOffset")));
            entry.put("endOffset", number(partition.path("endOffset")));
            entry.put("lag", number(partition.path("lag")));
            partitions.add(entry);
        }
        row.put("partitions", partitions);
        return row;
    }

    private static Long number(JsonNode node) {
        return node.isIntegralNumber() ? node.asLong() : null;
    }

    private static List<JsonNode> limited(JsonNode array, int max) {
        List<JsonNode> rows = new ArrayList<>();
        if (array.isArray()) {
            for (JsonNode row : array) {
                if (rows.size() == max) {
                    break;
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
