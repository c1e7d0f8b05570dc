package io.courier.filter.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcResult;
import io.courier.filter.Fixtures;
import io.courier.filter.Loopback;
import io.courier.filter.Outcome;
import io.courier.filter.SharedObjects;
import io.courier.filter.deadline.Deadlines;
import io.courier.spi.Side;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;

/**
 * Three services, A calls B calls C, each hop through a consumer chain, an executor (so nothing
 * thread-local crosses) and the provider chain; the trace travels in attachments only.
 */
class TracingTest {

    interface ServiceA {
        String a(String text);
    }

    interface ServiceB {
        String b(String text);
    }

    interface ServiceC {
        String c(String text);
    }

    private final SharedObjects shared = new SharedObjects();
    private final ExecutorService executorA = Executors.newSingleThreadExecutor();
    private final ExecutorService executorB = Executors.newSingleThreadExecutor();
    private final ExecutorService executorC = Executors.newSingleThreadExecutor();
    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();

    @AfterEach
    void close() throws InterruptedException {
        for (ExecutorService executor : List.of(executorA, executorB, executorC)) {
            executor.shutdownNow();
            assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
        shared.close();
        tracerProvider.close();
    }

    @Test
    @Timeout(20)
    void twoHopCall_isOneTrace_withParentChildSpans_mdcTraceIds_andAShrinkingDeadline() {
        shared.register(OpenTelemetry.class, sdk());
        AtomicReference<String> mdcInC = new AtomicReference<>();
        AtomicReference<String> budgetAtB = new AtomicReference<>();
        AtomicReference<String> budgetAtC = new AtomicReference<>();

        Invoker providerC = provider(ServiceC.class, invocation -> {
            mdcInC.set(MDC.get("traceId"));
            budgetAtC.set(invocation.attachment(Deadlines.BUDGET));
            return "c(" + invocation.argument(0) + ")";
        });
        Invoker bToC = consumer(ServiceC.class, new Loopback(executorC, providerC, System::nanoTime));
        Invoker providerB = provider(ServiceB.class, invocation -> {
            budgetAtB.set(invocation.attachment(Deadlines.BUDGET));
            // B works a little before it calls C: C must get what is left.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            return "b(" + join(bToC.invoke(Fixtures.call(ServiceC.class, "c", invocation.argument(0)))) + ")";
        });
        Invoker aToB = consumer(ServiceB.class, new Loopback(executorB, providerB, System::nanoTime));
        Invoker providerA = provider(
                ServiceA.class,
                invocation ->
                        "a(" + join(aToB.invoke(Fixtures.call(ServiceB.class, "b", invocation.argument(0)))) + ")");
        Invoker callerToA = consumer(ServiceA.class, new Loopback(executorA, providerA, System::nanoTime));

        assertThat(join(callerToA.invoke(Fixtures.call(ServiceA.class, "a", "x"))))
                .isEqualTo("a(b(c(x)))");

        List<SpanData> spans = exporter.getFinishedSpanItems();
        assertThat(spans).hasSize(6);
        assertThat(spans)
                .extracting(SpanData::getTraceId)
                .containsOnly(spans.get(0).getTraceId());
        SpanData clientA = span(spans, ServiceA.class, SpanKind.CLIENT);
        SpanData serverA = span(spans, ServiceA.class, SpanKind.SERVER);
        SpanData clientB = span(spans, ServiceB.class, SpanKind.CLIENT);
        SpanData serverB = span(spans, ServiceB.class, SpanKind.SERVER);
        SpanData clientC = span(spans, ServiceC.class, SpanKind.CLIENT);
        SpanData serverC = span(spans, ServiceC.class, SpanKind.SERVER);
        assertThat(clientA.getParentSpanContext().isValid())
                .as("the caller's span is the root")
                .isFalse();
        assertThat(serverA.getParentSpanId()).isEqualTo(clientA.getSpanId());
        assertThat(clientB.getParentSpanId()).isEqualTo(serverA.getSpanId());
        assertThat(serverB.getParentSpanId()).isEqualTo(clientB.getSpanId());
        assertThat(clientC.getParentSpanId()).isEqualTo(serverB.getSpanId());
        assertThat(serverC.getParentSpanId()).isEqualTo(clientC.getSpanId());
        assertThat(serverC.getName()).isEqualTo(ServiceC.class.getName() + "/c");
        assertThat(serverC.getAttributes().asMap())
                .containsEntry(RpcSpans.RPC_SYSTEM, "courier")
                .containsEntry(RpcSpans.RPC_SERVICE, ServiceC.class.getName())
                .containsEntry(RpcSpans.RPC_METHOD, "c");
        assertThat(spans)
                .allSatisfy(span -> assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET));

        assertThat(mdcInC.get()).isEqualTo(clientA.getTraceId());
        assertThat(Long.parseLong(budgetAtC.get())).isLessThan(Long.parseLong(budgetAtB.get()));
    }

    @Test
    @Timeout(20)
    void failedCall_endsBothSpansWithAnErrorStatusAndType() {
        shared.register(OpenTelemetry.class, sdk());
        Invoker providerC = Fixtures.chain(
                Side.PROVIDER,
                ServiceC.class,
                Map.of("courier.filter.rate-limit.qps", "0"),
                shared,
                Fixtures.implementation(invocation -> "never"));
        Invoker consumer = consumer(ServiceC.class, new Loopback(executorC, providerC, System::nanoTime));

        Outcome outcome = Outcome.of(consumer.invoke(Fixtures.call(ServiceC.class, "c", "x")));

        assertThat(outcome.rpcFailure().code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(exporter.getFinishedSpanItems()).hasSize(2).allSatisfy(span -> {
            assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
            assertThat(span.getAttributes().get(RpcSpans.ERROR_TYPE)).isEqualTo("RATE_LIMITED");
        });
    }

    @Test
    void withoutAnSdk_callsCarryNoTraceContext_andTheMdcStaysEmpty() {
        AtomicReference<Invocation> received = new AtomicReference<>();
        AtomicReference<String> mdc = new AtomicReference<>("unset");
        Invoker provider = provider(ServiceC.class, invocation -> {
            received.set(invocation);
            mdc.set(MDC.get("traceId"));
            return "ok";
        });
        Invoker consumer = consumer(ServiceC.class, provider);

        assertThat(join(consumer.invoke(Fixtures.call(ServiceC.class, "c", "x"))))
                .isEqualTo("ok");

        assertThat(received.get().attachments()).doesNotContainKey("traceparent");
        assertThat(mdc.get()).isNull();
    }

    @Test
    void disabled_bindsNoFilter() {
        assertThat(new TracingFilter()
                        .bind(Fixtures.context(
                                Side.PROVIDER,
                                ServiceC.class,
                                Map.of("courier.filter.tracing.enabled", "false"),
                                shared)))
                .isNull();
    }

    private OpenTelemetry sdk() {
        return OpenTelemetrySdk.builder()
                .setTracerProvider(tracerProvider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
    }

    private Invoker provider(Class<?> service, java.util.function.Function<Invocation, Object> body) {
        return Fixtures.chain(Side.PROVIDER, service, Map.of(), shared, Fixtures.implementation(body));
    }

    private Invoker consumer(Class<?> service, Invoker next) {
        return Fixtures.chain(Side.CONSUMER, service, Map.of(), shared, next);
    }

    private static Object join(CompletableFuture<RpcResult> call) {
        return call.orTimeout(10, TimeUnit.SECONDS).join().value();
    }

    private static SpanData span(List<SpanData> spans, Class<?> service, SpanKind kind) {
        return spans.stream()
                .filter(span -> span.getKind() == kind
                        && service.getName().equals(span.getAttributes().get(RpcSpans.RPC_SERVICE)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " span of " + service.getName()));
    }
}
