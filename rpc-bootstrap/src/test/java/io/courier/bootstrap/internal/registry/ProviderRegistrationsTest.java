package io.courier.bootstrap.internal.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.registry.Registry;
import io.courier.bootstrap.fixtures.calls.CallService;
import io.courier.bootstrap.fixtures.greeting.Greeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The switch over the registry entries: what is published when. */
class ProviderRegistrationsTest {

    private final RecordingRegistry registry = new RecordingRegistry();
    private final ProviderRegistrations registrations =
            new ProviderRegistrations(registry, "zookeeper://127.0.0.1:2181");
    private final ServiceInstance calls = instance(CallService.class);
    private final ServiceInstance greeter = instance(Greeter.class);

    @Test
    void register_publishesAtOnce_whileOnline() {
        registrations.register(calls);

        assertThat(registry.events).containsExactly("+CallService");
        assertThat(registrations.isOnline()).isTrue();
    }

    @Test
    void offline_withdrawsEverything_andOnline_publishesEverythingAgain_includingWhatWasExportedMeanwhile() {
        registrations.register(calls);
        registrations.offline();
        registrations.register(greeter);
        registrations.offline();
        registrations.online();
        registrations.online();

        assertThat(registry.events).containsExactly("+CallService", "-CallService", "+CallService", "+Greeter");
    }

    @Test
    void withdraw_unregistersOnce_saysWhetherConsumersCouldBeFollowing_andForbidsOnline() {
        registrations.register(calls);

        assertThat(registrations.withdraw()).isTrue();
        assertThat(registrations.withdraw()).isTrue();
        assertThat(registry.events).containsExactly("+CallService", "-CallService");
        assertThat(registrations.isOnline()).isFalse();
        assertThatThrownBy(registrations::online).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withdraw_afterOffline_unregistersNothingMore() {
        registrations.register(calls);
        registrations.offline();

        assertThat(registrations.withdraw()).isTrue();
        assertThat(registry.events).containsExactly("+CallService", "-CallService");
    }

    @Test
    void awaitPublished_returnsOnceTheRegistryAcknowledgedEveryEntry() {
        registrations.register(calls);
        registrations.register(greeter);
        registry.acknowledge("CallService");
        CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> registrations.awaitPublished(30_000));

        registry.acknowledge("Greeter");

        assertThat(waited).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(true);
    }

    @Test
    void awaitPublished_givesUpAfterItsWait_whenTheRegistryNeverAcknowledges_andLogsIt() {
        Logger logger = (Logger) LoggerFactory.getLogger(ProviderRegistrations.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            registrations.register(calls);
            long start = System.nanoTime();

            assertThat(registrations.awaitPublished(200)).isFalse();

            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isBetween(Duration.ofMillis(150), Duration.ofSeconds(5));
            assertThat(logs.list)
                    .singleElement()
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .asString()
                    .contains("The registry zookeeper://127.0.0.1:2181 did not acknowledge 1 of 1 registration(s)"
                            + " within 200 ms")
                    .contains("courier.registry.register-wait-millis");
        } finally {
            logger.detachAppender(logs);
        }
    }

    @Test
    void awaitPublished_doesNotWait_whileOfflineOrWithoutRegistry() {
        registrations.register(calls);
        registrations.offline();

        assertThat(registrations.awaitPublished(60_000)).isTrue();
        assertThat(new ProviderRegistrations(null).awaitPublished(60_000)).isTrue();
    }

    @Test
    void withoutRegistry_nothingIsFollowed() {
        ProviderRegistrations none = new ProviderRegistrations(null);
        none.register(calls);
        none.offline();
        none.online();

        assertThat(none.withdraw()).isFalse();
    }

    private static ServiceInstance instance(Class<?> service) {
        return ServiceInstance.builder(ServiceKey.of(service), Endpoint.of("127.0.0.1", 20880))
                .application("test")
                .build();
    }

    /** Records register (+) and unregister (-) by service simple name; acknowledges on request. */
    private static final class RecordingRegistry implements Registry {
        final List<String> events = new ArrayList<>();
        final Map<String, CompletableFuture<Void>> acknowledged = new ConcurrentHashMap<>();

        void acknowledge(String simpleName) {
            acknowledged
                    .computeIfAbsent(simpleName, name -> new CompletableFuture<>())
                    .complete(null);
        }

        @Override
        public CompletableFuture<Void> registration(ServiceInstance instance) {
            return acknowledged.computeIfAbsent(simpleName(instance), name -> new CompletableFuture<>());
        }

        @Override
        public void register(ServiceInstance instance) {
            events.add("+" + simpleName(instance));
        }

        @Override
        public void unregister(ServiceInstance instance) {
            events.add("-" + simpleName(instance));
        }

        private static String simpleName(ServiceInstance instance) {
            String name = instance.serviceKey().toString();
            return name.substring(name.lastIndexOf('.') + 1);
        }

        @Override
        public AutoCloseable subscribe(ServiceKey serviceKey, Consumer<List<ServiceInstance>> listener) {
            throw new UnsupportedOperationException("not used by registrations");
        }

        @Override
        public AutoCloseable watchConfig(ServiceKey serviceKey, Consumer<DynamicConfig> listener) {
            throw new UnsupportedOperationException("not used by registrations");
        }

        @Override
        public void close() {}
    }
}
