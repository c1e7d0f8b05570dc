package io.courier.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.Registry;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.bootstrap.fixtures.calls.CallService;
import io.courier.bootstrap.fixtures.greeting.Greeter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The switch over the registry entries: what is published when. */
class ProviderRegistrationsTest {

    private final RecordingRegistry registry = new RecordingRegistry();
    private final ProviderRegistrations registrations = new ProviderRegistrations(registry);
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

    /** Records register (+) and unregister (-) by service simple name. */
    private static final class RecordingRegistry implements Registry {
        final List<String> events = new ArrayList<>();

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
