package io.courier.observability;

import static io.courier.observability.LocalApps.attributes;
import static io.courier.observability.LocalApps.base;
import static io.courier.observability.LocalApps.direct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.Courier;
import io.courier.bootstrap.CourierBuilder;
import io.courier.observability.fixtures.Back;
import io.courier.observability.fixtures.BackService;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The OTLP exporter against a test receiver that decodes each request with the official OTLP
 * protobuf definitions; an SDK the application already made global left alone; the agent detected;
 * invalid settings refused before anything starts.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OtlpExportTest {

    @Test
    void otlpExporter_sendsOneTraceWithTheResourceAndRpcAttributes_andFlushesOnStop() throws Exception {
        String traceId;
        try (OtlpReceiver receiver = new OtlpReceiver()) {
            try (Courier provider = traced("stock", receiver).export(new Back()).start();
                    Courier consumer = traced("till", receiver).start()) {
                traceId = consumer.reference(BackService.class, direct(provider.port()))
                        .traceId("tea");
                assertThat(receiver.requests())
                        .as("nothing sent before the batch delay or the stop")
                        .isEmpty();
            }
            // closing each application flushed its queue: no wait beyond the stop
            assertThat(receiver.contentTypes()).allMatch("application/x-protobuf"::equals);
            Map<String, ResourceSpans> byService = receiver.requests().stream()
                    .flatMap(request -> request.getResourceSpansList().stream())
                    .collect(Collectors.toMap(
                            spans -> attributes(spans.getResource().getAttributesList())
                                    .get("service.name"),
                            spans -> spans));
            assertThat(byService).containsOnlyKeys("stock", "till");
            Map<String, String> resource =
                    attributes(byService.get("stock").getResource().getAttributesList());
            assertThat(resource)
                    .containsEntry("service.version", "2.0.1")
                    .containsEntry("deployment.environment.name", "staging")
                    .containsEntry("service.instance.id", "stock-1")
                    .containsEntry("telemetry.sdk.language", "java");

            Span server = onlySpan(byService.get("stock"));
            Span client = onlySpan(byService.get("till"));
            assertThat(hex(server.getTraceId().toByteArray())).isEqualTo(traceId);
            assertThat(hex(client.getTraceId().toByteArray())).isEqualTo(traceId);
            assertThat(client.getParentSpanId().isEmpty()).isTrue();
            assertThat(server.getParentSpanId()).isEqualTo(client.getSpanId());
            assertThat(client.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_CLIENT);
            assertThat(server.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
            assertThat(attributes(server.getAttributesList()))
                    .containsEntry("rpc.system", "courier")
                    .containsEntry("rpc.service", BackService.class.getName())
                    .containsEntry("rpc.method", "traceId");
        }
    }

    @Test
    void globalOpenTelemetrySetByTheApplication_isLeftAlone_andGetsCouriersSpans() throws Exception {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        OpenTelemetrySdk global = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans))
                        .build())
                .build();
        GlobalOpenTelemetry.set(global);
        try (OtlpReceiver receiver = new OtlpReceiver()) {
            try (Courier provider = traced("stock", receiver).export(new Back()).start();
                    Courier consumer = traced("till", receiver).start()) {
                consumer.reference(BackService.class, direct(provider.port())).traceId("tea");
            }
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> spans.getFinishedSpanItems().size() == 2);
            assertThat(receiver.requests()).isEmpty();
        } finally {
            GlobalOpenTelemetry.resetForTest();
            global.close();
        }
    }

    @Test
    void javaAgent_isDetectedByItsPremainClass() {
        ClassLoader withAgent = new ClassLoader(null) {
            @Override
            public Class<?> loadClass(String name) throws ClassNotFoundException {
                if (name.equals(ExistingTelemetry.AGENT_CLASS)) {
                    return Object.class; // stands in for the class -javaagent puts on the system class path
                }
                throw new ClassNotFoundException(name);
            }
        };
        assertThat(ExistingTelemetry.agentAttached(withAgent)).isTrue();
        assertThat(ExistingTelemetry.find(withAgent)).contains("the OpenTelemetry Java agent");
        assertThat(ExistingTelemetry.agentAttached(ClassLoader.getSystemClassLoader()))
                .isFalse();
    }

    @Test
    void invalidSettings_areRefusedNamingTheKey_beforeAnyPortOpens() {
        assertThatThrownBy(() -> base("bad")
                        .property(TracingKeys.EXPORTER.name(), "jaeger")
                        .start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("courier.tracing.exporter")
                .hasMessageContaining("jaeger");
        assertThatThrownBy(() -> base("bad")
                        .property(TracingKeys.EXPORTER.name(), "otlp")
                        .property(TracingKeys.ENDPOINT.name(), "localhost:4318")
                        .start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "courier.tracing.endpoint: 'localhost:4318' (expected: an http:// or https://" + " URL");
        assertThatThrownBy(() -> base("bad")
                        .property(TracingKeys.SAMPLING_RATIO.name(), "1.5")
                        .start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("courier.tracing.sampling-ratio");
    }

    private static Span onlySpan(ResourceSpans resourceSpans) {
        List<Span> spans = resourceSpans.getScopeSpansList().stream()
                .flatMap(scope -> scope.getSpansList().stream())
                .toList();
        assertThat(spans).hasSize(1);
        return spans.get(0);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static CourierBuilder traced(String application, OtlpReceiver receiver) {
        return base(application)
                .property(TracingKeys.EXPORTER.name(), "otlp")
                .property(TracingKeys.ENDPOINT.name(), receiver.endpoint())
                .property(TracingKeys.SERVICE_VERSION.name(), "2.0.1")
                .property(TracingKeys.ENVIRONMENT.name(), "staging")
                .property(TracingKeys.INSTANCE_ID.name(), application + "-1")
                .property(TracingKeys.SCHEDULE_DELAY_MILLIS.name(), "60000");
    }
}
