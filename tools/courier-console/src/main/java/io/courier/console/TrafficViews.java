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
 * The page's views of {@link Traffic}: a service's traffic (total and per instance), the topology
 * (applications as nodes, consumer-to-provider edges with the consumers' call rates) and one
 * instance's detail, as maps for Jackson. Every text in them came from the registry or an admin
 * endpoint; the page shows it as text only.
 */
final class TrafficViews {

    static final String PROVIDER = "provider";
    static final String CONSUMER = "consumer";

    private final Traffic traffic;

    TrafficViews(Traffic traffic) {
        this.traffic = traffic;
    }

    /** {@code /api/traffic}: the service's provider-side series, summed and per instance. */
    Map<String, Object> service(String service) {
        return traffic.read((picture, instances) -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            List<List<Series.Point>> all = new ArrayList<>();
            for (PolledInstance instance : instances) {
                List<Series.Point> series = instance.series(PROVIDER, service);
                if (series.isEmpty() && !serves(instance, service)) {
                    continue;
                }
                all.add(series);
                Map<String, Object> row = summary(instance);
                row.put("latest", instance.latest(PROVIDER, service));
                row.put("series", series);
                rows.add(row);
            }
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("service", service);
            view.put("pollMillis", Traffic.POLL_MILLIS);
            view.put("total", Series.sum(all));
            view.put("instances", rows);
            return view;
        });
    }

    private static boolean serves(PolledInstance instance, String service) {
        if (instance.services == null) {
            return false;
        }
        for (JsonNode export : instance.services.path("services")) {
            if (export.path("service").asText().equals(service)) {
                return true;
            }
        }
        return false;
    }

    /** {@code /api/topology}: applications and who calls whom, with rates where a consumer is polled. */
    Map<String, Object> topology() {
        return traffic.read((picture, instances) -> {
            Map<String, List<PolledInstance>> byApplication = new TreeMap<>();
            for (PolledInstance instance : instances) {
                byApplication
                        .computeIfAbsent(instance.application, a -> new ArrayList<>())
                        .add(instance);
            }
            Set<String> names = new TreeSet<>(byApplication.keySet());
            picture.providerApplications().values().forEach(names::addAll);
            picture.consumerApplications().values().forEach(names::addAll);
            names.remove("");
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("nodes", nodes(picture, names, byApplication));
            view.put("edges", edges(picture, byApplication));
            view.put("instances", rows(instances));
            return view;
        });
    }

    /** One node per application: its instances, the services it provides and the calls it serves. */
    private static List<Map<String, Object>> nodes(
            Traffic.Picture picture, Set<String> names, Map<String, List<PolledInstance>> byApplication) {
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (String name : names) {
            List<PolledInstance> polled = byApplication.getOrDefault(name, List.of());
            Set<String> provides = new TreeSet<>();
            picture.providerApplications().forEach((service, apps) -> {
                if (apps.contains(name)) {
                    provides.add(service);
                }
            });
            List<Series.Point> served = new ArrayList<>();
            for (PolledInstance instance : polled) {
                for (String service : instance.services(PROVIDER)) {
                    addIfPresent(served, instance.latest(PROVIDER, service));
                }
            }
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("application", name);
            node.put("instances", polled.size());
            node.put("provides", provides);
            node.put("served", served.isEmpty() ? null : Series.combine(0, served));
            nodes.add(node);
        }
        return nodes;
    }

    /** One edge per consumer application, provider application and service, with the consumer's calls. */
    private static List<Map<String, Object>> edges(
            Traffic.Picture picture, Map<String, List<PolledInstance>> byApplication) {
        List<Map<String, Object>> edges = new ArrayList<>();
        picture.consumerApplications().forEach((service, consumers) -> {
            Set<String> providers = picture.providerApplications().getOrDefault(service, Set.of());
            for (String consumer : consumers) {
                List<Series.Point> calls = new ArrayList<>();
                for (PolledInstance instance : byApplication.getOrDefault(consumer, List.of())) {
                    addIfPresent(calls, instance.latest(CONSUMER, service));
                }
                for (String provider : providers) {
                    Map<String, Object> edge = new LinkedHashMap<>();
                    edge.put("from", consumer);
                    edge.put("to", provider);
                    edge.put("service", service);
                    edge.put("calls", calls.isEmpty() ? null : Series.combine(0, calls));
                    edges.add(edge);
                }
            }
        });
        return edges;
    }

    /** Every polled instance with the calls it served and made. */
    private List<Map<String, Object>> rows(List<PolledInstance> instances) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PolledInstance instance : instances) {
            Map<String, Object> row = summary(instance);
            List<Series.Point> served = new ArrayList<>();
            instance.services(PROVIDER).forEach(service -> addIfPresent(served, instance.latest(PROVIDER, service)));
            row.put("served", served.isEmpty() ? null : Series.combine(0, served));
            List<Series.Point> made = new ArrayList<>();
            instance.services(CONSUMER).forEach(service -> addIfPresent(made, instance.latest(CONSUMER, service)));
            row.put("made", made.isEmpty() ? null : Series.combine(0, made));
            rows.add(row);
        }
        return rows;
    }

    /** {@code /api/instance}: one instance's server, exports and references, with their series. */
    Map<String, Object> instance(String admin) throws Exchanges.Problem {
        Map<String, Object> view = traffic.read((picture, instances) -> {
            Map<String, String> adminOf = new java.util.HashMap<>();
            instances.forEach(
                    instance -> instance.endpoints.forEach(endpoint -> adminOf.put(endpoint, instance.admin)));
            for (PolledInstance instance : instances) {
                if (instance.admin.equals(admin)) {
                    return detail(instance, adminOf);
                }
            }
            return null;
        });
        if (view == null) {
            throw new Exchanges.Problem(404, "admin: '" + admin + "' (expected: an admin endpoint the console polls)");
        }
        return view;
    }

    /** {@code adminOf}: the admin endpoint of each provider endpoint polled, to link to its page. */
    private static Map<String, Object> detail(PolledInstance instance, Map<String, String> adminOf) {
        Map<String, Object> view = summary(instance);
        JsonNode services = instance.services == null ? Exchanges.JSON.nullNode() : instance.services;
        view.put("phase", services.path("phase").asText(""));
        view.put("online", services.path("online").asBoolean(false));
        view.put("registry", services.path("registry").asText(""));
        JsonNode server = services.path("server");
        view.put(
                "server",
                server.isObject()
                        ? Map.of(
                                "openConnections",
                                        server.path("openConnections").asInt(),
                                "inFlight", server.path("inFlight").asInt(),
                                "queuedOutboundBytes",
                                        server.path("queuedOutboundBytes").asLong())
                        : null);
        List<Map<String, Object>> exports = new ArrayList<>();
        for (JsonNode export : services.path("services")) {
            String service = export.path("service").asText();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("service", service);
            row.put("registration", export.path("registration").asText(""));
            row.put("series", instance.series(PROVIDER, service));
            exports.add(row);
        }
        view.put("exports", exports);
        List<Map<String, Object>> references = new ArrayList<>();
        JsonNode referenced = instance.references == null ? Exchanges.JSON.nullNode() : instance.references;
        for (JsonNode reference : referenced.path("references")) {
            String service = reference.path("service").asText();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("service", service);
            row.put("series", instance.series(CONSUMER, service));
            List<Map<String, Object>> providers = new ArrayList<>();
            for (JsonNode provider : reference.path("instances")) {
                List<String> breakers = new ArrayList<>();
                provider.path("breakerOpen").forEach(method -> breakers.add(method.asText()));
                Map<String, Object> seen = new LinkedHashMap<>();
                seen.put("address", provider.path("address").asText());
                seen.put("admin", adminOf.getOrDefault(provider.path("address").asText(), ""));
                seen.put("connection", provider.path("connection").asText());
                seen.put("ejected", provider.path("ejected").asBoolean());
                seen.put("breakerOpen", breakers);
                seen.put("warmingUp", provider.path("warmingUp").asBoolean());
                seen.put("weight", provider.path("weight").asInt());
                seen.put("inFlight", provider.path("inFlight").asInt());
                providers.add(seen);
            }
            row.put("providers", providers);
            references.add(row);
        }
        view.put("references", references);
        return view;
    }

    private static Map<String, Object> summary(PolledInstance instance) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("admin", instance.admin);
        row.put("application", instance.application);
        row.put("endpoints", List.copyOf(instance.endpoints));
        row.put("metrics", instance.metrics);
        row.put("error", instance.error);
        return row;
    }

    private static void addIfPresent(List<Series.Point> points, Series.Point point) {
        if (point != null) {
            points.add(point);
        }
    }
}
