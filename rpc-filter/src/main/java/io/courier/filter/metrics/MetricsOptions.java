package io.courier.filter.metrics;

import io.courier.filter.internal.FilterProperties;
import io.courier.filter.internal.Setting;
import java.util.List;

/**
 * The metrics filter's settings.
 *
 * @param percentiles latency percentiles computed in process and published with the timer
 *     (default 0.5, 0.9, 0.99; empty for none)
 * @param histogram whether the timer also publishes histogram buckets, which Prometheus can
 *     aggregate across instances (default false)
 * @param prometheus whether to serve the Prometheus scrape endpoint (default false)
 * @param host the endpoint's bind address (default 127.0.0.1: only this machine can scrape)
 * @param port the endpoint's port (default 9464; 0 picks a free one)
 * @param path the endpoint's path (default /metrics)
 */
record MetricsOptions(
        List<Double> percentiles, boolean histogram, boolean prometheus, String host, int port, String path) {

    static final String ENABLED = "metrics.enabled";

    MetricsOptions {
        percentiles = List.copyOf(percentiles);
        for (double percentile : percentiles) {
            if (!(percentile > 0 && percentile < 1)) {
                throw new IllegalArgumentException("percentiles: " + percentiles + " (expected: each > 0 and < 1)");
            }
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0 to 65535)");
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path: " + path + " (expected: starting with /)");
        }
    }

    static MetricsOptions parse(FilterProperties properties) {
        List<Double> percentiles = properties
                .get("metrics.percentiles")
                .map(setting -> setting.asList().stream()
                        .map(item -> new Setting(setting.key(), item).asDouble(0.000001, 0.999999))
                        .toList())
                .orElse(List.of(0.5, 0.9, 0.99));
        return new MetricsOptions(
                percentiles,
                properties.get("metrics.histogram").map(Setting::asBoolean).orElse(false),
                properties
                        .get("metrics.prometheus.enabled")
                        .map(Setting::asBoolean)
                        .orElse(false),
                properties.get("metrics.prometheus.host").map(Setting::value).orElse("127.0.0.1"),
                properties
                        .get("metrics.prometheus.port")
                        .map(s -> s.asInt(0, 65535))
                        .orElse(9464),
                properties.get("metrics.prometheus.path").map(Setting::value).orElse("/metrics"));
    }
}
