package io.courier.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.api.Endpoint;
import io.courier.api.ReferenceOptions;
import io.courier.bootstrap.fixtures.calls.CallService;
import io.courier.bootstrap.fixtures.calls.RecordingCallService;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Kubernetes-style probes over real sockets, against a real ZooKeeper: {@code /health/ready} walks
 * the lifecycle (not ready before the registry acknowledged the registration, ready, not ready
 * during the graceful shutdown) and judges required references.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AdminProbesTest {

    private static final String SERVICE = CallService.class.getName();

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private TestingServer zooKeeper(boolean start) throws Exception {
        // a server that starts later needs its port now: one that was free a moment ago
        TestingServer server = start ? new TestingServer(true) : new TestingServer(Leftovers.freePort(), false);
        opened.add(server);
        return server;
    }

    private CourierBuilder application(String name, TestingServer zooKeeper) {
        return Environments.builder()
                .application(name)
                .registry("zookeeper://" + zooKeeper.getConnectString())
                .property("courier.registry.register-wait-millis", "100")
                .property("courier.shutdown.unregister-wait-millis", "100")
                .property("courier.admin.port", "0");
    }

    private Courier started(CourierBuilder builder) {
        Courier courier = builder.start();
        opened.add(courier);
        return courier;
    }

    @Test
    void ready_walksTheLifecycle_notBeforeRegistration_thenReady_thenNotWhileShuttingDown() throws Exception {
        TestingServer zooKeeper = zooKeeper(false); // the registry is down when the application starts
        RecordingCallService service = new RecordingCallService();
        Courier provider = started(application("provider", zooKeeper).export(service));
        AdminClient admin = new AdminClient(provider.adminPort().orElseThrow());

        AdminClient.Answer before = admin.get("/health/ready");
        assertThat(before.status()).isEqualTo(503);
        assertThat(before.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(before.json().get("ready").asBoolean()).isFalse();
        assertThat(before.json().get("reasons").toString())
                .contains(SERVICE)
                .contains("has not acknowledged its registration");
        assertThat(admin.get("/health/live").status()).isEqualTo(200);
        assertThat(admin.get("/services").json().at("/services/0/registration").asText())
                .isEqualTo("pending");

        zooKeeper.start();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> admin.get("/health/ready").status() == 200);
        JsonNode ready = admin.get("/health/ready").json();
        assertThat(ready.get("phase").asText()).isEqualTo("serving");
        JsonNode services = admin.get("/services").json();
        assertThat(services.get("registry").asText()).isEqualTo("connected");
        assertThat(services.at("/services/0/service").asText()).isEqualTo(SERVICE);
        assertThat(services.at("/services/0/registration").asText()).isEqualTo("registered");

        // a call in flight holds the graceful shutdown open
        Courier consumer = started(Environments.builder().application("consumer"));
        CallService calls = consumer.reference(
                CallService.class,
                ReferenceOptions.builder()
                        .directEndpoints(List.of(Endpoint.of("127.0.0.1", provider.port())))
                        .build());
        CompletableFuture<String> inFlight = calls.later("held");
        await().atMost(Duration.ofSeconds(10)).until(() -> service.pendingCount() == 1);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(provider::close);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> admin.get("/health/ready").status() == 503);
        AdminClient.Answer stopping = admin.get("/health/ready");
        assertThat(stopping.json().get("phase").asText()).isEqualTo("stopping");
        assertThat(stopping.json().get("reasons").toString()).contains("graceful shutdown");
        assertThat(admin.get("/health/live").status()).isEqualTo(200);
        assertThat(closing).isNotDone();

        service.releaseAll();
        assertThat(inFlight.get(10, TimeUnit.SECONDS)).isEqualTo("done held");
        closing.get(20, TimeUnit.SECONDS);
        assertThatThrownBy(() -> admin.get("/health/live")).isInstanceOf(UncheckedIOException.class);
        assertThat(provider.adminPort()).isEmpty();
    }

    @Test
    void ready_isFalse_withAReason_whileARequiredReferenceHasNoProvider() throws Exception {
        TestingServer zooKeeper = zooKeeper(true);
        Courier provider = started(application("provider", zooKeeper).export(new RecordingCallService()));
        Courier consumer = started(application("consumer", zooKeeper).property("courier.consumer.required", "true"));
        CallService calls = consumer.reference(CallService.class);
        assertThat(calls.echo("x")).isEqualTo("x");
        AdminClient admin = new AdminClient(consumer.adminPort().orElseThrow());

        assertThat(admin.get("/health/ready").status()).isEqualTo(200);
        JsonNode reference = admin.get("/references").json().at("/references/0");
        assertThat(reference.get("service").asText()).isEqualTo(SERVICE);
        assertThat(reference.get("required").asBoolean()).isTrue();
        assertThat(reference.get("providers").asInt()).isEqualTo(1);
        JsonNode instance = reference.at("/instances/0");
        assertThat(instance.get("address").asText()).isEqualTo("127.0.0.1:" + provider.port());
        assertThat(instance.get("connection").asText()).isEqualTo("ready");
        assertThat(instance.get("ejected").asBoolean()).isFalse();
        assertThat(instance.get("breakerOpen")).isEmpty();
        assertThat(instance.get("warmingUp").asBoolean()).isFalse();
        assertThat(instance.get("weight").asInt()).isEqualTo(100);

        provider.close();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> admin.get("/health/ready").status() == 503);
        AdminClient.Answer notReady = admin.get("/health/ready");
        assertThat(notReady.json().get("reasons").toString())
                .contains(SERVICE)
                .contains("required reference, and no provider is listed");
        assertThat(notReady.json().get("detail").asText()).contains("no provider is listed");
        assertThat(admin.get("/references").json().at("/references/0/providers").asInt())
                .isZero();
    }
}
