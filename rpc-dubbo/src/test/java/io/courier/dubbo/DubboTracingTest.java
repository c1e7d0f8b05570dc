package io.courier.dubbo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.bootstrap.Courier;
import io.courier.dubbo.fixture.Accounts;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Dubbo call takes the provider's tracing as a Courier call does: the W3C {@code traceparent} a traced
 * Dubbo consumer puts in the attachments makes the provider's span a child of the caller's; and a traced
 * Courier consumer calling a Dubbo provider sends its own span as that attachment.
 */
@Timeout(60)
class DubboTracingTest {

    @Test
    void traceparentAttachment_makesTheProvidersSpanAChildOfTheCallersTrace() throws Exception {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (OpenTelemetrySdk telemetry = OpenTelemetrySdk.builder()
                        .setTracerProvider(SdkTracerProvider.builder()
                                .addSpanProcessor(SimpleSpanProcessor.create(spans))
                                .build())
                        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                        .build();
                Courier provider = Courier.builder()
                        .application("traced-dubbo")
                        .host("127.0.0.1")
                        .port(0)
                        .shutdownHook(false)
                        .openTelemetry(telemetry)
                        .export(new AccountsService("courier"))
                        .start();
                Socket socket = new Socket()) {
            String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
            String parentId = "00f067aa0ba902b7";
            socket.setSoTimeout(10_000);
            socket.connect(new InetSocketAddress("127.0.0.1", provider.port()), 5_000);
            byte[] body = DubboWire.requestBody(
                    Accounts.class.getName(),
                    "hello",
                    "Ljava/lang/String;",
                    Map.of("traceparent", "00-" + traceId + "-" + parentId + "-01"),
                    "traced");
            socket.getOutputStream()
                    .write(DubboWire.frame(
                            (byte) (DubboWire.REQUEST | DubboWire.TWO_WAY | DubboWire.HESSIAN2), 1, body));
            assertThat(DubboWire.read(socket.getInputStream()).status()).isEqualTo((byte) 20);

            await().atMost(Duration.ofSeconds(10)).until(() -> spans.getFinishedSpanItems().stream()
                    .anyMatch(span -> span.getTraceId().equals(traceId)));
            SpanData server = spans.getFinishedSpanItems().stream()
                    .filter(span -> span.getTraceId().equals(traceId))
                    .findFirst()
                    .orElseThrow();
            assertThat(server.getParentSpanId()).isEqualTo(parentId);
            assertThat(server.getName()).contains("hello");
        }
    }

    @Test
    void courierConsumer_sendsItsCallSpanAsTraceparent_toADubboProvider() throws Exception {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (TestingServer zookeeper = new TestingServer(true);
                FakeDubboProvider dubbo = new FakeDubboProvider();
                OpenTelemetrySdk telemetry = OpenTelemetrySdk.builder()
                        .setTracerProvider(SdkTracerProvider.builder()
                                .addSpanProcessor(SimpleSpanProcessor.create(spans))
                                .build())
                        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                        .build()) {
            dubbo.register(zookeeper.getConnectString());
            try (Courier consumer = Courier.builder()
                    .application("traced-consumer")
                    .registry("zookeeper://" + zookeeper.getConnectString())
                    .shutdownHook(false)
                    .openTelemetry(telemetry)
                    .property("courier.registry.dubbo-providers", Accounts.class.getName())
                    .start()) {
                assertThat(consumer.reference(Accounts.class).server()).isEqualTo("fake");
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !spans.getFinishedSpanItems().isEmpty());
            SpanData client = spans.getFinishedSpanItems().get(0);
            assertThat((String) dubbo.lastAttachments().get("traceparent"))
                    .startsWith("00-" + client.getTraceId() + "-" + client.getSpanId() + "-");
        }
    }
}
