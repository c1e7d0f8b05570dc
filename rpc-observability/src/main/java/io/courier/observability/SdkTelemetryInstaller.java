package io.courier.observability;

import io.courier.filter.tracing.TelemetryInstaller;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The installer rpc-observability registers: with {@code courier.tracing.exporter} other than
 * {@code none}, and no SDK already in the JVM ({@link ExistingTelemetry}), an {@link OpenTelemetrySdk}
 * of the application's own, not made global (two Courier applications in one JVM each get theirs).
 * Spans pass a {@link BatchSpanProcessor} with a bounded queue; closing the SDK, which the bootstrap
 * does when the application stops, sends what is queued. With {@code courier.metrics.exporter=otlp} it
 * also offers Micrometer's OTLP registry, which the bootstrap puts beside the Prometheus one.
 */
public final class SdkTelemetryInstaller implements TelemetryInstaller {

    private static final Logger log = LoggerFactory.getLogger(SdkTelemetryInstaller.class);

    /** For {@link java.util.ServiceLoader}. */
    public SdkTelemetryInstaller() {}

    @Override
    public Optional<OpenTelemetry> install(Context context) {
        String exporter = context.setting(TracingKeys.EXPORTER);
        if (SpanExporters.NONE.equals(exporter)) {
            return Optional.empty();
        }
        Optional<String> existing = ExistingTelemetry.find(ClassLoader.getSystemClassLoader());
        if (existing.isPresent()) {
            log.info(
                    "{}={} ignored: {} already traces this JVM, and Courier's spans go there",
                    TracingKeys.EXPORTER.name(),
                    exporter,
                    existing.get());
            return Optional.empty();
        }
        OpenTelemetrySdk sdk = build(context, SpanExporters.create(context));
        log.info("Tracing application '{}' with the OpenTelemetry SDK to {}", context.application(), exporter);
        return Optional.of(sdk);
    }

    /** With {@code courier.metrics.exporter=otlp}: Micrometer's OTLP registry ({@link OtlpMeters}). */
    @Override
    public Optional<MeterRegistry> meterRegistry(Context context) {
        Optional<MeterRegistry> registry = OtlpMeters.create(context);
        registry.ifPresent(r -> log.info(
                "Pushing application '{}''s meters over OTLP every {} ms",
                context.application(),
                context.setting(MetricsKeys.STEP_MILLIS)));
        return registry;
    }

    /** The SDK around {@code exporter}, with the processor, sampler and resource the settings give. */
    static OpenTelemetrySdk build(Context context, SpanExporter exporter) {
        BatchSpanProcessor processor = BatchSpanProcessor.builder(exporter)
                .setMaxQueueSize(context.setting(TracingKeys.QUEUE_SIZE))
                .setMaxExportBatchSize(
                        Math.min(context.setting(TracingKeys.BATCH_SIZE), context.setting(TracingKeys.QUEUE_SIZE)))
                .setScheduleDelay(Duration.ofMillis(context.setting(TracingKeys.SCHEDULE_DELAY_MILLIS)))
                .setExporterTimeout(Duration.ofMillis(context.setting(TracingKeys.EXPORT_TIMEOUT_MILLIS)))
                .build();
        SdkTracerProvider tracing = SdkTracerProvider.builder()
                .setResource(TelemetryResource.of(context))
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(context.setting(TracingKeys.SAMPLING_RATIO))))
                .addSpanProcessor(processor)
                .build();
        return OpenTelemetrySdk.builder()
                .setTracerProvider(tracing)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
    }
}
