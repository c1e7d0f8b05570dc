package io.courier.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * deploy/observability/grafana/courier-dashboard.json holds together as a Grafana dashboard: the
 * fields Grafana's import needs, unique panel ids, panels on the 24-column grid without overlap,
 * every query on the dashboard's data source variable, every variable it uses defined, and only
 * metric names Courier exports. (PrometheusAlertingTest runs each query against a live Prometheus.)
 */
class DashboardTest {

    static final Path DASHBOARD = Path.of("..", "deploy", "observability", "grafana", "courier-dashboard.json");

    /** Every metric Courier exports under these names (docs/filters.md, docs/events.md, docs/observability.md). */
    private static final Set<String> COURIER_METRICS = Set.of(
            "courier_rpc_calls_total",
            "courier_rpc_errors_total",
            "courier_rpc_rejections_total",
            "courier_rpc_duration_seconds",
            "courier_rpc_in_flight",
            "courier_circuit_transitions_total",
            "courier_cluster_ready",
            "courier_cluster_unreachable",
            "courier_registry_connected",
            "courier_config_rejected_total",
            "courier_transport_stream_open",
            "courier_events_published_total",
            "courier_events_handled_total",
            "courier_events_lag",
            "courier_events_handle_duration_seconds_sum",
            "courier_events_handle_duration_seconds_count",
            "courier_events_publish_latency_seconds_sum",
            "courier_events_publish_latency_seconds_count");

    private static final Pattern METRIC = Pattern.compile("\\bcourier_[a-z_]+");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([a-z_]+)");

    @Test
    void dashboard_isAWellFormedGrafanaDashboard_overCouriersMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());

        assertThat(dashboard.path("uid").asText()).isEqualTo("courier-overview");
        assertThat(dashboard.path("title").asText()).isNotBlank();
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        Set<String> variables = new HashSet<>(List.of("__rate_interval", "__interval"));
        dashboard
                .path("templating")
                .path("list")
                .forEach(variable -> variables.add(variable.path("name").asText()));
        assertThat(variables).contains("datasource", "job", "instance", "service");

        List<JsonNode> panels = list(dashboard.path("panels"));
        assertThat(panels).hasSizeGreaterThanOrEqualTo(10);
        assertThat(panels.stream().map(panel -> panel.path("id").asInt()).distinct())
                .hasSameSizeAs(panels);
        assertThat(panels.stream().filter(panel -> panel.path("type").asText().equals("row")))
                .extracting(panel -> panel.path("title").asText())
                .containsExactly("Services", "Instances", "Events");
        List<int[]> cells = new ArrayList<>();
        for (JsonNode panel : panels) {
            JsonNode grid = panel.path("gridPos");
            int x = grid.path("x").asInt(-1);
            int w = grid.path("w").asInt(0);
            assertThat(x).as(panel.path("title").asText()).isBetween(0, 23);
            assertThat(x + w).as(panel.path("title").asText()).isBetween(1, 24);
            for (int[] other : cells) {
                boolean overlaps = x < other[0] + other[2]
                        && other[0] < x + w
                        && grid.path("y").asInt() < other[1] + other[3]
                        && other[1] < grid.path("y").asInt() + grid.path("h").asInt();
                assertThat(overlaps)
                        .as("%s overlaps another panel", panel.path("title").asText())
                        .isFalse();
            }
            cells.add(new int[] {x, grid.path("y").asInt(), w, grid.path("h").asInt()});
            if (!panel.path("type").asText().equals("row")) {
                assertQueries(panel, variables);
            }
        }
    }

    private static void assertQueries(JsonNode panel, Set<String> variables) {
        String title = panel.path("title").asText();
        assertThat(panel.path("type").asText()).as(title).isIn("timeseries", "stat", "gauge", "table");
        assertThat(panel.path("datasource").path("uid").asText()).as(title).isEqualTo("${datasource}");
        List<JsonNode> targets = list(panel.path("targets"));
        assertThat(targets).as(title).isNotEmpty();
        for (JsonNode target : targets) {
            String expr = target.path("expr").asText();
            assertThat(expr).as(title).isNotBlank();
            Matcher metrics = METRIC.matcher(expr);
            while (metrics.find()) {
                assertThat(COURIER_METRICS).as("%s: %s", title, expr).contains(metrics.group());
            }
            Matcher used = VARIABLE.matcher(expr);
            while (used.find()) {
                assertThat(variables).as("%s: %s", title, expr).contains(used.group(1));
            }
        }
    }

    /** Every query of the dashboard, its variables replaced by "match anything", for a live Prometheus. */
    static List<String> queries() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        return list(dashboard.path("panels")).stream()
                .flatMap(panel -> list(panel.path("targets")).stream())
                .map(target -> target.path("expr")
                        .asText()
                        .replace("$__rate_interval", "1m")
                        .replace("$job", ".*")
                        .replace("$instance", ".*")
                        .replace("$service", ".*"))
                .toList();
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }
}
