package io.courier.observability;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigKeyCatalog;
import io.courier.api.config.ValueType;
import java.util.List;

/**
 * rpc-observability's keys for pushing meters, {@code courier.metrics.*}, declared to the
 * {@link io.courier.api.config.ConfigKeyRegistry} (registered in
 * {@code META-INF/services/io.courier.api.config.ConfigKeyCatalog}). Read once, when the application
 * starts; the resource attributes are the spans' ({@code courier.tracing.service-version}, ...).
 */
public final class MetricsKeys implements ConfigKeyCatalog {

    /** Where meters are pushed, beside the Prometheus endpoint. */
    public static final ConfigKey<String> EXPORTER = ConfigKey.of(
            "courier.metrics.exporter",
            ValueType.choice(OtlpMeters.NONE, OtlpMeters.OTLP),
            OtlpMeters.NONE,
            OtlpMeters.NONE,
            "Where Courier pushes the application's meters, beside the Prometheus endpoint: none, or otlp"
                    + " (OTLP/HTTP protobuf, Micrometer's OTLP registry); only when the application brought no"
                    + " MeterRegistry of its own (docs/observability.md).");
    /** The OTLP metrics URL. */
    public static final ConfigKey<String> ENDPOINT = ConfigKey.of(
            "courier.metrics.endpoint",
            ValueType.string(),
            null,
            OtlpMeters.OTLP_DEFAULT,
            "The OTLP/HTTP metrics URL meters are pushed to.");
    /** How often meters are pushed. */
    public static final ConfigKey<Integer> STEP_MILLIS = ConfigKey.of(
            "courier.metrics.step-millis",
            ValueType.integer(1_000, 3_600_000),
            60_000,
            "60000",
            "How often the meters are pushed (Micrometer's step); stopping the application pushes the last step.");

    /** For {@link java.util.ServiceLoader}. */
    public MetricsKeys() {}

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(EXPORTER, ENDPOINT, STEP_MILLIS);
    }
}
