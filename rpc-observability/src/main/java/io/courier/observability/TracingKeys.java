package io.courier.observability;

import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigKeyCatalog;
import io.courier.api.config.ValueType;
import java.util.List;

/**
 * rpc-observability's keys, {@code courier.tracing.*}, declared to the
 * {@link io.courier.api.config.ConfigKeyRegistry} (registered in
 * {@code META-INF/services/io.courier.api.config.ConfigKeyCatalog}). Read once, when the application
 * starts.
 */
public final class TracingKeys implements ConfigKeyCatalog {

    /** Where spans go; {@code none} leaves tracing to an SDK the application or an agent set up. */
    public static final ConfigKey<String> EXPORTER = ConfigKey.of(
            "courier.tracing.exporter",
            ValueType.choice(SpanExporters.NONE, SpanExporters.OTLP, SpanExporters.ZIPKIN, SpanExporters.LOGGING),
            SpanExporters.NONE,
            SpanExporters.NONE,
            "Where Courier's own OpenTelemetry SDK sends spans: none, otlp (OTLP/HTTP protobuf), zipkin (Zipkin v2"
                    + " JSON) or logging (java.util.logging, for trying it out); it is set up only when the"
                    + " application, Spring Boot or the OpenTelemetry Java agent has none (docs/observability.md).");
    /** The exporter's URL. */
    public static final ConfigKey<String> ENDPOINT = ConfigKey.of(
            "courier.tracing.endpoint",
            ValueType.string(),
            null,
            "(otlp: http://localhost:4318/v1/traces, zipkin: http://localhost:9411/api/v2/spans)",
            "The URL spans are sent to: an OTLP/HTTP traces URL, or Zipkin's /api/v2/spans.");
    /** The share of new traces recorded. */
    public static final ConfigKey<Double> SAMPLING_RATIO = ConfigKey.of(
            "courier.tracing.sampling-ratio",
            ValueType.decimal(0, 1),
            1.0,
            "1.0",
            "The share of traces started here that are recorded (0 to 1); a call that arrives with a trace"
                    + " keeps its caller's decision.");
    /** {@code service.version}. */
    public static final ConfigKey<String> SERVICE_VERSION = ConfigKey.of(
            "courier.tracing.service-version",
            ValueType.string(),
            null,
            "(none)",
            "The resource attribute service.version of every span (service.name is courier.application.name).");
    /** {@code deployment.environment.name}. */
    public static final ConfigKey<String> ENVIRONMENT = ConfigKey.of(
            "courier.tracing.environment",
            ValueType.string(),
            null,
            "(none)",
            "The resource attribute deployment.environment.name of every span, e.g. production.");
    /** {@code service.instance.id}. */
    public static final ConfigKey<String> INSTANCE_ID = ConfigKey.of(
            "courier.tracing.instance-id",
            ValueType.string(),
            null,
            "(process id@host name)",
            "The resource attribute service.instance.id of every span: which process of the service made it.");
    /** The processor's queue bound. */
    public static final ConfigKey<Integer> QUEUE_SIZE = ConfigKey.of(
            "courier.tracing.queue-size",
            ValueType.integer(1, 1_000_000),
            2048,
            "2048",
            "The most finished spans waiting for export; when the exporter falls behind, newer spans are dropped"
                    + " (counted by the SDK), never the calls.");
    /** Spans per export request. */
    public static final ConfigKey<Integer> BATCH_SIZE = ConfigKey.of(
            "courier.tracing.batch-size",
            ValueType.integer(1, 100_000),
            512,
            "512",
            "The most spans sent in one export request.");
    /** How often the queue is sent. */
    public static final ConfigKey<Integer> SCHEDULE_DELAY_MILLIS = ConfigKey.of(
            "courier.tracing.schedule-delay-millis",
            ValueType.integer(1, 3_600_000),
            5000,
            "5000",
            "How long finished spans may wait before they are sent (a full batch goes at once; stopping the"
                    + " application sends what is left).");
    /** One export's time limit. */
    public static final ConfigKey<Integer> EXPORT_TIMEOUT_MILLIS = ConfigKey.of(
            "courier.tracing.export-timeout-millis",
            ValueType.integer(1, 600_000),
            10_000,
            "10000",
            "How long one export request, and the flush when the application stops, may take.");

    /** For {@link java.util.ServiceLoader}. */
    public TracingKeys() {}

    @Override
    public List<ConfigKey<?>> keys() {
        return List.of(
                EXPORTER,
                ENDPOINT,
                SAMPLING_RATIO,
                SERVICE_VERSION,
                ENVIRONMENT,
                INSTANCE_ID,
                QUEUE_SIZE,
                BATCH_SIZE,
                SCHEDULE_DELAY_MILLIS,
                EXPORT_TIMEOUT_MILLIS);
    }
}
