package io.courier.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.RpcException;
import io.courier.bootstrap.Courier;
import io.courier.spring.boot.autoconfigure.greeting.ConstructorClient;
import io.courier.spring.boot.autoconfigure.greeting.ConsumerApplication;
import io.courier.spring.boot.autoconfigure.greeting.FieldClient;
import io.courier.spring.boot.autoconfigure.greeting.Greeting;
import io.courier.spring.boot.autoconfigure.greeting.GreetingProvider;
import io.courier.spring.boot.autoconfigure.greeting.ProviderApplication;
import io.courier.spring.boot.autoconfigure.greeting.SetterClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * A provider application and a consumer application, each a Spring Boot context with the starter,
 * over real sockets and the embedded ZooKeeper: the consumer's settings come from a profile.
 */
@SpringBootTest(
        classes = ConsumerApplication.class,
        properties = {
            "courier.server.host=127.0.0.1",
            "courier.server.port=0",
            "management.endpoints.web.exposure.include=health,courier"
        })
@ActiveProfiles("consumer")
@Import(StarterEndToEndTest.Tracing.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StarterEndToEndTest {

    private static ConfigurableApplicationContext provider;

    @Autowired
    FieldClient field;

    @Autowired
    ConstructorClient constructor;

    @Autowired
    SetterClient setter;

    @Autowired
    Courier courier;

    @Autowired
    MeterRegistry meters;

    @Autowired
    HealthEndpoint health;

    @Autowired
    CourierEndpoint endpoint;

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    InMemorySpanExporter spans;

    /** The application's own OpenTelemetry: the tracing filter must create its spans with it. */
    @TestConfiguration
    static class Tracing {

        @Bean
        InMemorySpanExporter spans() {
            return InMemorySpanExporter.create();
        }

        @Bean(destroyMethod = "close")
        OpenTelemetrySdk openTelemetry(InMemorySpanExporter spans) {
            return OpenTelemetrySdk.builder()
                    .setTracerProvider(SdkTracerProvider.builder()
                            .addSpanProcessor(SimpleSpanProcessor.create(spans))
                            .build())
                    .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                    .build();
        }
    }

    @BeforeAll
    static void startProvider() {
        provider = new SpringApplicationBuilder(ProviderApplication.class)
                .properties(
                        "courier.application.name=greeting-provider",
                        "courier.registry.address=embedded",
                        "courier.registry.root=/starter-test",
                        "courier.server.host=127.0.0.1",
                        "courier.server.port=0")
                .run();
    }

    @AfterAll
    static void stopProvider() {
        provider.close();
    }

    @Test
    void exportBean_isServedAndRegistered() {
        Courier served = provider.getBean(Courier.class);

        assertThat(served.status().services()).extracting(Object::toString).containsExactly(Greeting.class.getName());
        assertThat(served.port()).isPositive();
        assertThat(provider.getBean(CourierLifecycle.class).isRunning()).isTrue();
    }

    @Test
    void fieldConstructorAndSetterReferences_callTheProvider_andEqualAttributesShareOneProxy() {
        awaitProvider(field.greeting());

        assertThat(field.greeting().greet("field")).isEqualTo("hello field from greeting-provider");
        assertThat(constructor.greeting().greet("constructor")).isEqualTo("hello constructor from greeting-provider");
        assertThat(setter.greeting().greet("setter")).isEqualTo("hello setter from greeting-provider");
        assertThat(constructor.greeting()).isSameAs(field.greeting());
        assertThat(setter.greeting()).isNotSameAs(field.greeting());
    }

    @Test
    void references_areBeansToo() {
        Map<String, Greeting> beans = context.getBeansOfType(Greeting.class);

        assertThat(beans)
                .containsEntry(ReferenceInjection.BEAN_NAME_PREFIX + Greeting.class.getName(), field.greeting())
                .hasSize(2);
        assertThat(beans.values()).contains(setter.greeting());
    }

    @Test
    void asyncAndOnewayCalls_work() throws Exception {
        awaitProvider(field.greeting());
        GreetingProvider served = provider.getBean(GreetingProvider.class);

        assertThat(field.greeting().greetLater("async").get(10, TimeUnit.SECONDS))
                .isEqualTo("hello async from greeting-provider");
        field.greeting().note("oneway");

        await().atMost(Duration.ofSeconds(10)).until(() -> served.notes().contains("oneway"));
    }

    @Test
    void keysFromTheProfile_apply_andTheApplicationsMeterRegistryGetsCouriersMeters() {
        awaitProvider(field.greeting());

        assertThat(courier.options().application()).isEqualTo("greeting-consumer");
        assertThat(courier.options().consumerDefaults().timeoutMillis()).isEqualTo(2345);
        assertThat(meters.find("courier.rpc.calls").counters()).isNotEmpty();
    }

    @Test
    void theApplicationsOpenTelemetry_recordsTheCallsClientSpan() {
        awaitProvider(field.greeting());
        spans.reset();

        field.greeting().greet("traced");

        assertThat(spans.getFinishedSpanItems())
                .anySatisfy(span -> assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT));
    }

    @Test
    void healthAndEndpoint_showTheRegistryServicesAndProvidersPerReference() {
        awaitProvider(field.greeting());

        assertThat(health.healthForPath("courier").getStatus()).isEqualTo(Status.UP);
        assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
        Map<String, Object> body = endpoint.courier();
        assertThat(body).containsEntry("application", "greeting-consumer").containsEntry("registry", "connected");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> references = (List<Map<String, Object>>) body.get("references");
        assertThat(references).hasSize(2).allSatisfy(reference -> assertThat(reference)
                .containsEntry("service", Greeting.class.getName())
                .containsEntry("providers", 1));
    }

    private static void awaitProvider(Greeting greeting) {
        await().atMost(Duration.ofSeconds(20))
                .ignoreException(RpcException.class)
                .until(() -> greeting.greet("ping").startsWith("hello"));
    }
}
