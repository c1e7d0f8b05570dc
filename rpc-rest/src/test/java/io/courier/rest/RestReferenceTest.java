package io.courier.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcException;
import io.courier.bootstrap.Courier;
import io.courier.rest.fixture.Role;
import io.courier.rest.fixture.User;
import io.courier.rest.fixture.UserResource;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A Courier reference to {@code UserResource} calling two instances of a REST service that is not
 * Courier ({@link StockUserServer}, the JDK's HttpServer) at {@code rest://} addresses: balancing, a
 * GET retried on the other instance when one dies mid-call, a POST not retried, a breaker opening, the
 * caller's trace and time on each request.
 */
@Timeout(60)
class RestReferenceTest {

    private StockUserServer one;
    private StockUserServer two;
    private InMemorySpanExporter spans;
    private OpenTelemetrySdk telemetry;
    private Courier consumer;
    private UserResource users;

    @BeforeEach
    void start() throws Exception {
        one = new StockUserServer("one");
        two = new StockUserServer("two");
        spans = InMemorySpanExporter.create();
        telemetry = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(spans))
                        .build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        String service = "courier.service." + UserResource.class.getName() + ".";
        consumer = Courier.builder()
                .application("rest-consumer")
                .shutdownHook(false)
                .openTelemetry(telemetry)
                .property(service + "url", "rest://127.0.0.1:" + one.port() + ",rest://127.0.0.1:" + two.port())
                .property(service + "load-balancer", "roundrobin")
                .property(service + "timeout-millis", "2000")
                .property("courier.filter.circuit-breaker.enabled", "true")
                .property("courier.filter.circuit-breaker.minimum-calls", "4")
                .property("courier.filter.circuit-breaker.window-size", "4")
                .property("courier.filter.circuit-breaker.open-millis", "60000")
                .start();
        users = consumer.reference(UserResource.class);
    }

    @AfterEach
    void stop() {
        consumer.close();
        telemetry.close();
        one.close();
        two.close();
    }

    @Test
    void balancesAcrossInstances_andCarriesTraceAndTime() {
        for (int i = 0; i < 10; i++) {
            assertThat(users.get(i + 1).id).isEqualTo(i + 1);
        }
        assertThat(one.count("GET")).isEqualTo(5);
        assertThat(two.count("GET")).isEqualTo(5);

        User created = users.create(new User(9, "eve", Role.ADMIN, LocalDate.parse("2026-06-07")));
        assertThat(created).isEqualTo(new User(9, "eve", Role.ADMIN, LocalDate.parse("2026-06-07")));

        SpanData client = spans.getFinishedSpanItems().stream()
                .filter(span -> span.getName().contains("create"))
                .findFirst()
                .orElseThrow();
        String sender = one.count("POST") == 1 ? one.lastTraceparent : two.lastTraceparent;
        assertThat(sender).startsWith("00-" + client.getTraceId() + "-" + client.getSpanId() + "-");
        assertThat(Long.parseLong(one.lastTimeout)).isBetween(1L, 2000L);
    }

    @Test
    void aGetIsRetriedElsewhereWhenAnInstanceDiesMidCall() {
        two.crashing = true;
        for (int i = 0; i < 4; i++) {
            assertThat(users.get(1).name).isEqualTo("one");
        }
        // the dying instance took a GET and lost it: the cluster sent it again to the other
        assertThat(two.count("GET")).isPositive();
    }

    @Test
    void aPostIsNotRetriedWhenAnInstanceDiesMidCall() throws Exception {
        try (StockUserServer three = new StockUserServer("three")) {
            three.crashing = true;
            UserResource oneAndThree = consumer.reference(
                    UserResource.class,
                    ReferenceOptions.builder()
                            .directEndpoints(List.of(
                                    new Endpoint("127.0.0.1", one.port()), new Endpoint("127.0.0.1", three.port())))
                            .protocol("rest")
                            .loadBalancer("roundrobin")
                            .build());
            int failed = 0;
            for (int i = 0; i < 4 && three.count("POST") == 0; i++) {
                try {
                    oneAndThree.create(new User(i, "p" + i, Role.MEMBER, LocalDate.parse("2026-01-01")));
                } catch (RpcException e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.NETWORK);
                    failed++;
                }
            }
            // the POST the dying instance took failed there and was not sent again
            assertThat(three.count("POST")).isEqualTo(1);
            assertThat(failed).isEqualTo(1);
            assertThat(one.count("POST")).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void aFailingInstancesBreakerOpens_andCallsNoLongerReachIt() {
        two.failing = true;
        UserResource onlyTwo = consumer.reference(
                UserResource.class,
                ReferenceOptions.builder()
                        .directEndpoints(List.of(new Endpoint("127.0.0.1", two.port())))
                        .protocol("rest")
                        .retries(0)
                        .build());
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> onlyTwo.get(1))
                    .isInstanceOf(RpcException.class)
                    .extracting(e -> ((RpcException) e).code())
                    .isEqualTo(ErrorCode.PROVIDER_ERROR);
        }
        assertThatThrownBy(() -> onlyTwo.get(1))
                .isInstanceOf(RpcException.class)
                .extracting(e -> ((RpcException) e).code())
                .isEqualTo(ErrorCode.CIRCUIT_OPEN);
        assertThat(two.count("GET")).isEqualTo(4);
    }

    @Test
    void anErrorStatus_isTheCodeOfTheOneStatusTable() {
        assertThatThrownBy(() -> users.replace(3, new User()))
                .isInstanceOf(RpcException.class)
                .hasMessageContaining("answered 404")
                .extracting(e -> ((RpcException) e).code())
                .isEqualTo(ErrorCode.BAD_REQUEST);
    }
}
