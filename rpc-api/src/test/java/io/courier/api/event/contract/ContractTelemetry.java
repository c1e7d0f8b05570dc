package io.courier.api.event.contract;

import io.courier.api.event.EventBroker;
import io.courier.api.event.EventBrokerContext;
import io.courier.api.event.EventBrokers;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.Map;
import java.util.Optional;

/** Brokers opened as an application opens them, optionally with an OpenTelemetry SDK of the test's own. */
final class ContractTelemetry {

    private ContractTelemetry() {}

    /** A broker through the factory {@code settings} name, as {@link EventBrokers#open} gives applications. */
    static EventBroker open(String application, Map<String, String> settings) {
        return EventBrokers.open(EventBrokerContext.of(application, settings));
    }

    /** A broker that traces with {@code telemetry}, handed over as an application's own object. */
    static EventBroker open(String application, Map<String, String> settings, OpenTelemetry telemetry) {
        EventBrokerContext plain = EventBrokerContext.of(application, settings);
        return EventBrokers.open(new EventBrokerContext() {
            @Override
            public String application() {
                return plain.application();
            }

            @Override
            public <T> T setting(io.courier.api.config.ConfigKey<T> key) {
                return plain.setting(key);
            }

            @Override
            public <T> Optional<T> shared(Class<T> type) {
                return type.isInstance(telemetry) ? Optional.of(type.cast(telemetry)) : Optional.empty();
            }
        });
    }

    /** An SDK that hands every span to {@code exporter} as it ends, with W3C propagation. */
    static OpenTelemetrySdk sdk(InMemorySpanExporter exporter) {
        return OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                        .build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
    }
}
