package io.courier.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One application instance the console polls through its admin endpoint: its last answers, and per
 * side and service the last {@link Traffic#HISTORY} points. Not thread-safe: {@link Traffic} guards it.
 */
final class PolledInstance {

    /** A series' name: {@code provider} or {@code consumer}, and the service. */
    record Lane(String side, String service) {}

    /**
     * What one round fetched; {@code metrics} is null when the endpoint has metrics off, {@code events}
     * when it has no {@code /events} or could not answer it.
     */
    record Fetched(String metrics, JsonNode services, JsonNode references, JsonNode events) {}

    final String admin;
    String application;
    /** The provider endpoints the registry lists for it, or none for a configured, consuming-only one. */
    final Set<String> endpoints = new TreeSet<>();

    JsonNode services;
    JsonNode references;
    /** The last {@code /events} answer, or null. */
    JsonNode events;

    boolean metrics;
    String error;
    int missedRounds;
    private Map<PrometheusText.Key, PrometheusText.Method> last;
    private long lastAt;
    private final Map<Lane, Deque<Series.Point>> lanes = new HashMap<>();

    PolledInstance(String admin, String application) {
        this.admin = admin;
        this.application = application;
    }

    /** Takes one round's answers: the counters' growth since the last round becomes a point per lane. */
    void update(long roundAt, long nowMillis, Fetched fetched) {
        error = null;
        services = fetched.services();
        references = fetched.references();
        events = fetched.events();
        String named = services.path("application").asText("");
        if (!named.isEmpty()) {
            application = named;
        }
        metrics = fetched.metrics() != null;
        if (!metrics) {
            last = null;
            return;
        }
        Map<PrometheusText.Key, PrometheusText.Method> now = PrometheusText.parse(fetched.metrics());
        if (last != null && nowMillis > lastAt) {
            addPoints(roundAt, (nowMillis - lastAt) / 1000.0, now);
        }
        last = now;
        lastAt = nowMillis;
    }

    private void addPoints(long roundAt, double seconds, Map<PrometheusText.Key, PrometheusText.Method> now) {
        Map<Lane, List<Series.Point>> methods = new HashMap<>();
        now.forEach((key, method) -> {
            PrometheusText.Method before = last.get(key);
            double calls = method.calls - (before == null ? 0 : before.calls);
            double errors = method.errors - (before == null ? 0 : before.errors);
            double refused = method.refused - (before == null ? 0 : before.refused);
            if (calls < 0 || errors < 0 || refused < 0) { // the application restarted: its counters began again
                calls = method.calls;
                errors = method.errors;
                refused = method.refused;
            }
            methods.computeIfAbsent(new Lane(key.side(), key.service()), lane -> new ArrayList<>())
                    .add(new Series.Point(
                            roundAt,
                            calls / seconds,
                            calls > 0 ? Math.min(1, errors / calls) : 0,
                            calls > 0 ? Math.min(1, refused / calls) : 0,
                            finite(method.p50),
                            finite(method.p99)));
        });
        methods.forEach((lane, points) -> {
            Deque<Series.Point> series = lanes.computeIfAbsent(lane, l -> new ArrayDeque<>());
            series.addLast(Series.combine(roundAt, points));
            while (series.size() > Traffic.HISTORY) {
                series.removeFirst();
            }
        });
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    void failed(String why) {
        error = why;
        missedRounds++;
    }

    /** The points of one lane, oldest first; empty if there are none. */
    List<Series.Point> series(String side, String service) {
        Deque<Series.Point> series = lanes.get(new Lane(side, service));
        return series == null ? List.of() : List.copyOf(series);
    }

    /** The services with points on {@code side}, sorted. */
    Set<String> services(String side) {
        Set<String> services = new TreeSet<>();
        lanes.keySet().stream().filter(lane -> lane.side().equals(side)).forEach(lane -> services.add(lane.service()));
        return services;
    }

    /** The last point of a lane, or null. */
    Series.Point latest(String side, String service) {
        Deque<Series.Point> series = lanes.get(new Lane(side, service));
        return series == null || series.isEmpty() ? null : series.getLast();
    }
}
