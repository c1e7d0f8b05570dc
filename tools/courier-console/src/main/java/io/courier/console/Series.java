package io.courier.console;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The points of a chart and how they add up. A point covers one polling round: calls per second and
 * the shares of them that failed and that a limit the operator set refused over the round, and the latency percentiles the application published
 * at its end. Percentiles of several methods or instances are averaged weighted by their calls (an
 * approximation: percentiles do not add up exactly, as histogram buckets would).
 */
final class Series {

    /**
     * One round of one series.
     *
     * @param at when the round started (epoch millis); equal for every instance polled in it
     * @param callsPerSecond calls started per second over the round
     * @param errorRate failed calls divided by calls over the round, 0 without calls
     * @param refusalRate calls refused by a rate, concurrency or adaptive limit divided by calls: kept
     *     apart from errors because a limit refusing is the limit doing what the operator asked
     * @param p50 milliseconds, or null when not published
     * @param p99 milliseconds, or null when not published
     */
    record Point(long at, double callsPerSecond, double errorRate, double refusalRate, Double p50, Double p99) {}

    private Series() {}

    /**
     * {@code parts} combined into one point: rates added, the error and refusal rates of the total, and
     * percentiles averaged weighted by calls (by the plain maximum when no part had calls).
     */
    static Point combine(long at, Collection<Point> parts) {
        double calls = 0;
        double errors = 0;
        double refused = 0;
        for (Point part : parts) {
            calls += part.callsPerSecond();
            errors += part.callsPerSecond() * part.errorRate();
            refused += part.callsPerSecond() * part.refusalRate();
        }
        return new Point(
                at,
                calls,
                calls > 0 ? errors / calls : 0,
                calls > 0 ? refused / calls : 0,
                percentile(parts, true),
                percentile(parts, false));
    }

    private static Double percentile(Collection<Point> parts, boolean median) {
        double weighted = 0;
        double weight = 0;
        Double max = null;
        for (Point part : parts) {
            Double value = median ? part.p50() : part.p99();
            if (value == null) {
                continue;
            }
            max = max == null ? value : Math.max(max, value);
            weighted += value * part.callsPerSecond();
            weight += part.callsPerSecond();
        }
        return weight > 0 ? Double.valueOf(weighted / weight) : max;
    }

    /** Several series summed round by round (a service's instances): one point per round any of them has. */
    static List<Point> sum(Collection<? extends Collection<Point>> series) {
        Map<Long, List<Point>> rounds = new TreeMap<>();
        for (Collection<Point> one : series) {
            for (Point point : one) {
                rounds.computeIfAbsent(point.at(), at -> new ArrayList<>()).add(point);
            }
        }
        List<Point> sum = new ArrayList<>(rounds.size());
        rounds.forEach((at, points) -> sum.add(combine(at, points)));
        return sum;
    }
}
