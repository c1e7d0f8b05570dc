package io.courier.admin.cli;

import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code courier-admin events}: an application's event topics and its subscriptions' consumer groups
 * with their lag per partition, from its admin endpoint ({@code GET /events}) at {@code --admin
 * HOST:PORT} (or {@code COURIER_ADMIN_ADDRESS}); {@code --format json} prints the endpoint's document
 * as it came. The document is read with SnakeYAML's safe constructor (JSON is YAML): plain maps, lists
 * and scalars only.
 */
final class EventsCommand {

    private EventsCommand() {}

    static int run(Cli.Arguments arguments, Map<String, String> environment, PrintStream out, PrintStream err) {
        String format = arguments.flags().getOrDefault("--format", "table");
        if (!format.equals("table") && !format.equals("json")) {
            throw new IllegalArgumentException("--format: '" + format + "' (expected: table or json)");
        }
        URI uri = AdminGet.uri(arguments, environment, "events", "/events");
        Optional<String> body = AdminGet.body(uri, arguments.connectTimeoutMillis(), err);
        if (body.isEmpty()) {
            return Cli.FAILED;
        }
        if (format.equals("json")) {
            out.println(body.get());
            return Cli.OK;
        }
        Object document;
        try {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(body.get());
        } catch (RuntimeException e) {
            err.println("courier-admin: " + uri + " answered something that is not JSON: " + e.getMessage());
            return Cli.FAILED;
        }
        if (!(document instanceof Map<?, ?> events)) {
            err.println("courier-admin: " + uri + " answered " + document + " (expected: a JSON object)");
            return Cli.FAILED;
        }
        print(events, out);
        return Cli.OK;
    }

    private static void print(Map<?, ?> events, PrintStream out) {
        if (!Boolean.TRUE.equals(events.get("open"))) {
            out.println("events: the application has not opened its event broker (no publisher, no subscription)");
            return;
        }
        out.println("broker " + events.get("broker") + ", at " + events.get("takenAt"));
        if (events.get("error") != null) {
            out.println("offsets missing: " + events.get("error"));
        }
        for (Object line : events.get("notShown") instanceof List<?> lines ? lines : List.of()) {
            out.println("not shown by this broker: " + line);
        }
        out.printf("%n%-40s %-12s %10s %12s %12s%n", "TOPIC", "KIND", "PARTITIONS", "KEPT", "WRITTEN");
        for (Map<?, ?> topic : rows(events.get("topics"))) {
            out.printf(
                    "%-40s %-12s %10d %12s %12s%n",
                    topic.get("topic"),
                    Boolean.TRUE.equals(topic.get("deadLetter")) ? "dead letters" : "events",
                    rows(topic.get("partitions")).size(),
                    shown(topic.get("retained")),
                    shown(topic.get("written")));
        }
        out.printf(
                "%n%-24s %-24s %-18s %7s %6s %10s %10s %8s %13s%n",
                "GROUP", "TOPIC", "STATE", "MEMBERS", "PAUSED", "LAG", "HANDLED", "RETRIED", "DEAD-LETTERED");
        for (Map<?, ?> group : rows(events.get("subscriptions"))) {
            out.printf(
                    "%-24s %-24s %-18s %7s %6s %10s %10s %8s %13s%n",
                    group.get("group"),
                    group.get("topic"),
                    shown(group.get("state")),
                    shown(group.get("members")),
                    Boolean.TRUE.equals(group.get("paused")) ? "yes" : "no",
                    shown(group.get("lag")),
                    group.get("handled"),
                    group.get("retried"),
                    sum(group.get("deadLettered"), group.get("unreadable")));
            for (Map<?, ?> partition : rows(group.get("partitions"))) {
                out.printf(
                        "  partition %-4s committed %-10s end %-10s lag %-10s held by %s%n",
                        partition.get("partition"),
                        shown(partition.get("committedOffset")),
                        shown(partition.get("endOffset")),
                        shown(partition.get("lag")),
                        shown(partition.get("owner")));
            }
        }
    }

    private static String shown(Object value) {
        return value == null || value.toString().isEmpty() ? "-" : value.toString();
    }

    private static long sum(Object a, Object b) {
        return (a instanceof Number x ? x.longValue() : 0) + (b instanceof Number y ? y.longValue() : 0);
    }

    private static List<Map<?, ?>> rows(Object list) {
        if (!(list instanceof List<?> items)) {
            return List.of();
        }
        return items.stream()
                .filter(Map.class::isInstance)
                .<Map<?, ?>>map(Map.class::cast)
                .toList();
    }
}
