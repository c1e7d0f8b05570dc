package io.courier.grpc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.Courier;
import io.grpc.Server;
import io.grpc.testing.integration.Messages.SimpleRequest;
import io.grpc.testing.integration.Messages.SimpleResponse;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A reference pointed at stock gRPC servers as users point it: {@code grpc://} direct addresses in the
 * configuration, or the registry with {@code courier.consumer.protocol=grpc}; the consumer's filters
 * (tracing) and load balancer apply as to Courier's calls.
 */
@Timeout(60)
class GrpcClientReferenceTest {

    private static final String URL_KEY = "courier.service." + TestServiceClient.class.getName() + ".url";

    private final List<Server> servers = new ArrayList<>();

    @BeforeEach
    void startServers() throws Exception {
        for (int i = 1; i <= 3; i++) {
            servers.add(StockGrpcServer.start("server-" + i, 0));
        }
    }

    @AfterEach
    void stopServers() throws InterruptedException {
        for (Server server : servers) {
            server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void grpcAddresses_roundRobinOverTheServers_andTheConsumersTraceContinues() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (OpenTelemetrySdk telemetry = OpenTelemetrySdk.builder()
                        .setTracerProvider(SdkTracerProvider.builder()
                                .addSpanProcessor(SimpleSpanProcessor.create(spans))
                                .build())
                        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                        .build();
                Courier consumer = Courier.builder()
                        .application("grpc-direct-consumer")
                        .shutdownHook(false)
                        .openTelemetry(telemetry)
                        .property(URL_KEY, urls())
                        .property("courier.consumer.load-balancer", "roundrobin")
                        .start()) {
            TestServiceClient client = consumer.reference(TestServiceClient.class);
            Map<String, Integer> served = new HashMap<>();
            // A fresh reference's first calls go to the servers already connected (ready-first), so the
            // rotation is counted once every server has answered one call.
            for (int i = 0; i < 100 && served.size() < 3; i++) {
                served.merge(
                        client.unaryCall(SimpleRequest.getDefaultInstance()).getHostname(), 1, Integer::sum);
            }
            served.clear();
            SimpleResponse last = null;
            for (int i = 0; i < 30; i++) {
                last = client.unaryCall(SimpleRequest.getDefaultInstance());
                served.merge(last.getHostname(), 1, Integer::sum);
            }
            assertThat(served).containsOnlyKeys("server-1", "server-2", "server-3");
            assertThat(served.values()).allMatch(calls -> calls == 10);

            SpanData clientSpan = spans.getFinishedSpanItems().stream()
                    .filter(span -> span.getKind() == SpanKind.CLIENT)
                    .reduce((first, second) -> second)
                    .orElseThrow();
            assertThat(last.getUsername())
                    .contains("traceparent=00-" + clientSpan.getTraceId() + "-" + clientSpan.getSpanId() + "-");
        }
    }

    @Test
    void aRegisteredGrpcEndpoint_isCalledByGrpc_whenTheReferencePrefersIt() throws Exception {
        ServiceKey key = ServiceKey.of(TestServiceClient.class);
        try (TestingServer zookeeper = new TestingServer(true);
                Registrar registrar = new Registrar(zookeeper.getConnectString())) {
            // listed as serving gRPC beside Courier's protocol, as a Courier provider with rpc-grpc is
            registrar.register(key, servers.get(0).getPort(), Map.of(ServiceInstance.METADATA_PROTOCOLS, "grpc"));
            try (Courier consumer = Courier.builder()
                    .application("grpc-preferring-consumer")
                    .registry("zookeeper://" + zookeeper.getConnectString())
                    .shutdownHook(false)
                    .property("courier.consumer.protocol", "grpc")
                    .start()) {
                TestServiceClient client = consumer.reference(TestServiceClient.class);
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> client.unaryCall(
                                SimpleRequest.getDefaultInstance())
                        .getHostname()
                        .equals("server-1"));
            }
        }
    }

    @Test
    void aServerClosingGracefully_finishesItsCalls_andTheRestGoToTheOthers_evenNotIdempotent() throws Exception {
        try (Courier consumer = Courier.builder()
                .application("grpc-direct-consumer")
                .shutdownHook(false)
                .property("courier.service." + OnceOnlyTestServiceClient.class.getName() + ".url", urls())
                .start()) {
            OnceOnlyTestServiceClient client = consumer.reference(OnceOnlyTestServiceClient.class);
            SimpleRequest slow = SimpleRequest.newBuilder().setResponseSize(20).build();
            java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            java.util.concurrent.ExecutorService load = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    workers.add(load.submit(() -> {
                        for (int i = 0; i < 60; i++) {
                            try {
                                client.unaryCall(slow);
                            } catch (RuntimeException e) {
                                failures.add(e);
                            }
                            done.incrementAndGet();
                        }
                    }));
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> done.get() >= 40);
                // GOAWAY: the calls it took finish there, the streams it did not take were never run
                servers.get(0).shutdown();
                for (java.util.concurrent.Future<?> worker : workers) {
                    worker.get(30, TimeUnit.SECONDS);
                }
            } finally {
                load.shutdownNow();
                load.awaitTermination(10, TimeUnit.SECONDS);
            }
            assertThat(failures).isEmpty();
            assertThat(done.get()).isEqualTo(240);
        }
    }

    @Test
    void anUnknownMethodOfTheServer_failsAfterOneOtherInstanceAtMost() {
        try (Courier consumer = Courier.builder()
                .application("grpc-direct-consumer")
                .shutdownHook(false)
                .property(URL_KEY, urls())
                .start()) {
            TestServiceClient client = consumer.reference(TestServiceClient.class);
            assertThatThrownBy(
                            () -> client.noSuchCall(io.grpc.testing.integration.EmptyProtos.Empty.getDefaultInstance()))
                    .isInstanceOfSatisfying(RpcException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                        assertThat(e.getMessage()).contains("UNIMPLEMENTED");
                    });
        }
    }

    @Test
    void addressesOfTwoSchemes_orOfAProtocolNotOnTheClassPath_areRefusedWhenTheReferenceIsMade() {
        int port = servers.get(0).getPort();
        for (String urls :
                List.of("grpc://127.0.0.1:" + port + ",courier://127.0.0.1:" + port, "thrift://127.0.0.1:" + port)) {
            try (Courier consumer = Courier.builder()
                    .application("grpc-misconfigured")
                    .shutdownHook(false)
                    .property(URL_KEY, urls)
                    .start()) {
                assertThatThrownBy(() -> consumer.reference(TestServiceClient.class))
                        .as(urls)
                        .isInstanceOf(RuntimeException.class)
                        .satisfies(e -> assertThat(e.toString()).containsAnyOf("of one scheme", "'thrift'"));
            } catch (ConfigurationException e) {
                // refused while the application starts: as good, the message names the address
                assertThat(e.getMessage()).containsAnyOf("of one scheme", "'thrift'");
            }
        }
    }

    private String urls() {
        return servers.stream()
                .map(server -> "grpc://127.0.0.1:" + server.getPort())
                .collect(Collectors.joining(","));
    }
}
