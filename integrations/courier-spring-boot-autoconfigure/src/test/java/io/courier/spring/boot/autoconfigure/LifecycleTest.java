package io.courier.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.ReferenceOptions;
import io.courier.api.RpcException;
import io.courier.bootstrap.Courier;
import io.courier.spring.boot.autoconfigure.greeting.Greeting;
import io.courier.spring.boot.autoconfigure.greeting.GreetingProvider;
import io.courier.spring.boot.autoconfigure.greeting.HealthProbe;
import io.courier.spring.boot.autoconfigure.greeting.ProviderApplication;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Courier inside Spring's lifecycle: exported only once the context is ready, its health following
 * registration and shutdown, and a context closed under load losing no call.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LifecycleTest {

    @Test
    void health_isOutOfServiceBeforeExport_upOnceRegistered_andOutOfServiceWhileShuttingDown() throws Exception {
        ConfigurableApplicationContext provider = provider("health-provider", "/lifecycle-health", HealthProbe.class);
        Courier consumer = consumer("/lifecycle-health");
        HealthEndpoint health = provider.getBean(HealthEndpoint.class);
        Courier served = provider.getBean(Courier.class);
        GreetingProvider service = provider.getBean(GreetingProvider.class);
        try {
            assertThat(provider.getBean(HealthProbe.class).beforeExport()).isEqualTo(Status.OUT_OF_SERVICE);
            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            Status.UP.equals(health.healthForPath("courier").getStatus())
                                    && Status.UP.equals(
                                            health.healthForPath("readiness").getStatus()));

            Greeting greeting = consumer.reference(Greeting.class);
            awaitProvider(greeting);
            CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> greeting.held("held"));
            await().atMost(Duration.ofSeconds(10)).until(() -> service.heldCalls() == 1);

            CompletableFuture<Void> closing = CompletableFuture.runAsync(provider::close);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Status.OUT_OF_SERVICE.equals(
                            health.healthForPath("courier").getStatus()));
            assertThat(held).isNotDone();
            assertThat(closing).isNotDone();
            service.open();
            assertThat(held.get(20, TimeUnit.SECONDS)).isEqualTo("hello held from health-provider");
            closing.get(30, TimeUnit.SECONDS);
            assertThat(served.isClosed()).isTrue();
        } finally {
            service.open();
            consumer.close();
            provider.close();
        }
    }

    @Test
    void closingTheContextUnderLoad_losesNoCall() throws Exception {
        ConfigurableApplicationContext first = provider("first", "/lifecycle-load");
        ConfigurableApplicationContext second = provider("second", "/lifecycle-load");
        Courier consumer = consumer("/lifecycle-load");
        AtomicBoolean stop = new AtomicBoolean();
        Map<String, AtomicLong> servedBy = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Void>> threads = List.of();
        Courier firstCourier = first.getBean(Courier.class);
        try {
            Greeting greeting = consumer.reference(
                    Greeting.class, ReferenceOptions.builder().retries(0).build());
            await().atMost(Duration.ofSeconds(20))
                    .ignoreException(RpcException.class)
                    .until(() -> greeting.greet("a").endsWith("first")
                            | greeting.greet("b").endsWith("first"));
            threads = java.util.stream.IntStream.range(0, 3)
                    .mapToObj(i -> CompletableFuture.runAsync(() -> {
                        while (!stop.get()) {
                            try {
                                String answer = greeting.greet("load");
                                servedBy.computeIfAbsent(
                                                answer.substring(answer.lastIndexOf(' ') + 1), k -> new AtomicLong())
                                        .incrementAndGet();
                            } catch (RuntimeException e) {
                                failures.add(e);
                            }
                        }
                    }))
                    .toList();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> count(servedBy, "first") > 50 && count(servedBy, "second") > 50);

            first.close();

            assertThat(firstCourier.isClosed()).isTrue();
            long secondAtClose = count(servedBy, "second");
            long firstAtClose = count(servedBy, "first");
            await().atMost(Duration.ofSeconds(20)).until(() -> count(servedBy, "second") > secondAtClose + 200);
            stop.set(true);
            CompletableFuture.allOf(threads.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

            assertThat(failures)
                    .as("calls that failed while the first context closed")
                    .isEmpty();
            assertThat(count(servedBy, "first")).isEqualTo(firstAtClose);
        } finally {
            stop.set(true);
            consumer.close();
            first.close();
            second.close();
        }
    }

    @Test
    void healthIndicatorSwitchedOff_leavesTheReadinessGroupWithoutIt() {
        try (ConfigurableApplicationContext provider = new SpringApplicationBuilder(ProviderApplication.class)
                .properties(
                        "courier.application.name=no-health",
                        "courier.server.host=127.0.0.1",
                        "courier.server.port=0",
                        "management.health.courier.enabled=false")
                .run()) {
            HealthEndpoint health = provider.getBean(HealthEndpoint.class);

            assertThat(health.healthForPath("courier")).isNull();
            assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);
        }
    }

    private static long count(Map<String, AtomicLong> servedBy, String provider) {
        AtomicLong count = servedBy.get(provider);
        return count == null ? 0 : count.get();
    }

    /** A provider application on 127.0.0.1 and a free port, registered in the embedded ZooKeeper under {@code root}. */
    static ConfigurableApplicationContext provider(String name, String root, Class<?>... more) {
        Class<?>[] sources = new Class<?>[more.length + 1];
        sources[0] = ProviderApplication.class;
        System.arraycopy(more, 0, sources, 1, more.length);
        return new SpringApplicationBuilder(sources)
                .properties(
                        "courier.application.name=" + name,
                        "courier.registry.address=embedded",
                        "courier.registry.root=" + root,
                        "courier.server.host=127.0.0.1",
                        "courier.server.port=0",
                        "courier.shutdown.unregister-wait-millis=1000")
                .run();
    }

    /** A plain Courier consumer of the same registry. */
    private static Courier consumer(String root) {
        return Courier.builder()
                .application("consumer")
                .registry("embedded")
                .property("courier.registry.root", root)
                .shutdownHook(false)
                .start();
    }

    private static void awaitProvider(Greeting greeting) {
        await().atMost(Duration.ofSeconds(20))
                .ignoreException(RpcException.class)
                .until(() -> greeting.greet("ping").startsWith("hello"));
    }
}
