package io.courier.filter.metrics;

import io.courier.api.config.ConfigKey;
import io.courier.api.filter.FilterContext;
import io.courier.filter.config.FilterKeys;
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

    static MetricsOptions parse(FilterContext context) {
        return new MetricsOptions(
                value(context, FilterKeys.METRICS_PERCENTILES),
                value(context, FilterKeys.METRICS_HISTOGRAM),
                value(context, FilterKeys.METRICS_PROMETHEUS_ENABLED),
                value(context, FilterKeys.METRICS_PROMETHEUS_HOST),
                value(context, FilterKeys.METRICS_PROMETHEUS_PORT),
                value(context, FilterKeys.METRICS_PROMETHEUS_PATH));
    }

    private static <T> T value(FilterContext context, ConfigKey<T> key) {
        return context.setting(key).orElse(key.defaultValue());
    }
}
