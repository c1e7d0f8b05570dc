package io.courier.observability;

import io.courier.filter.tracing.TelemetryInstaller;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.util.NamedThreadFactory;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Micrometer's OTLP registry, from {@code courier.metrics.*}: it pushes every meter each step to an
 * OTLP/HTTP endpoint, with the resource attributes the spans carry (service.name = the application),
 * and pushes the last step when closed.
 */
final class OtlpMeters {

    static final String NONE = "none";
    static final String OTLP = "otlp";
    static final String OTLP_DEFAULT = "http://localhost:4318/v1/metrics";

    private OtlpMeters() {}

    /** The registry {@code courier.metrics.exporter} asks for, or empty for {@code none}. */
    static Optional<MeterRegistry> create(TelemetryInstaller.Context context) {
        if (NONE.equals(context.setting(MetricsKeys.EXPORTER))) {
            return Optional.empty();
        }
        String url = HttpEndpoints.orDefault(MetricsKeys.ENDPOINT, context.setting(MetricsKeys.ENDPOINT), OTLP_DEFAULT);
        Duration step = Duration.ofMillis(context.setting(MetricsKeys.STEP_MILLIS));
        Map<String, String> resource = new LinkedHashMap<>();
        TelemetryResource.of(context).getAttributes().forEach((key, value) -> put(resource, key, value));
        OtlpConfig config = new OtlpConfig() {
            @Override
            public String get(String key) {
                return null; // every setting below; Micrometer's defaults for the rest
            }

            @Override
            public String url() {
                return url;
            }

            @Override
            public Duration step() {
                return step;
            }

            @Override
            public Map<String, String> resourceAttributes() {
                return resource;
            }
        };
        OtlpMeterRegistry registry = OtlpMeterRegistry.builder(config)
                .clock(Clock.SYSTEM)
                .threadFactory(new NamedThreadFactory("courier-otlp-metrics"))
                .build();
        return Optional.of(registry);
    }

    private static void put(Map<String, String> resource, AttributeKey<?> key, Object value) {
        // telemetry.sdk.* describe the OpenTelemetry SDK; Micrometer sets its own and refuses these
        if (!key.getKey().startsWith("telemetry.sdk.")) {
            resource.put(key.getKey(), String.valueOf(value));
        }
    }
}
