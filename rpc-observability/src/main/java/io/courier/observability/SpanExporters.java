package io.courier.observability;

import io.courier.filter.tracing.TelemetryInstaller;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import zipkin2.reporter.urlconnection.URLConnectionSender;

/** The exporter {@code courier.tracing.exporter} names, sending to {@code courier.tracing.endpoint}. */
final class SpanExporters {

    static final String NONE = "none";
    static final String OTLP = "otlp";
    static final String ZIPKIN = "zipkin";
    static final String LOGGING = "logging";

    static final String OTLP_DEFAULT = "http://localhost:4318/v1/traces";
    static final String ZIPKIN_DEFAULT = "http://localhost:9411/api/v2/spans";

    private SpanExporters() {}

    /** The exporter of a name other than {@code none}. */
    static SpanExporter create(TelemetryInstaller.Context context) {
        String name = context.setting(TracingKeys.EXPORTER);
        Duration timeout = Duration.ofMillis(context.setting(TracingKeys.EXPORT_TIMEOUT_MILLIS));
        return switch (name) {
            case OTLP ->
                OtlpHttpSpanExporter.builder()
                        .setEndpoint(endpoint(context, OTLP_DEFAULT))
                        .setTimeout(timeout)
                        .build();
            // Zipkin's URLConnection sender: the exporter's default (OkHttp) would bring Kotlin along
            case ZIPKIN ->
                ZipkinSpanExporter.builder()
                        .setSender(URLConnectionSender.newBuilder()
                                .endpoint(endpoint(context, ZIPKIN_DEFAULT))
                                .readTimeout((int) timeout.toMillis())
                                .build())
                        .build();
            case LOGGING -> LoggingSpanExporter.create();
            default ->
                throw new IllegalArgumentException(
                        TracingKeys.EXPORTER.name() + ": '" + name + "' (expected: otlp, zipkin or logging)");
        };
    }

    private static String endpoint(TelemetryInstaller.Context context, String fallback) {
        return HttpEndpoints.orDefault(TracingKeys.ENDPOINT, context.setting(TracingKeys.ENDPOINT), fallback);
    }
}
