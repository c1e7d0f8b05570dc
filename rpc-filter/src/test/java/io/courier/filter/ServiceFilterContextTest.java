package io.courier.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.DynamicConfig;
import io.courier.api.time.Ticker;
import io.courier.spi.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceFilterContextTest {

    @Test
    void property_prefersThePerServiceValue_overTheApplicationWideOne() {
        try (SharedObjects shared = new SharedObjects()) {
            ServiceFilterContext context = Fixtures.context(
                    Side.PROVIDER,
                    Echo.class,
                    Map.of(
                            "courier.filter.rate-limit.qps", "100",
                            "courier.service.io.courier.filter.Echo.filter.rate-limit.qps", " 5 ",
                            "courier.filter.rate-limit.burst", "7"),
                    shared);

            assertThat(context.property("courier.filter.rate-limit.qps")).contains("5");
            assertThat(context.property("courier.filter.rate-limit.burst")).contains("7");
            assertThat(context.property("courier.filter.nothing")).isEmpty();
        }
    }

    @Test
    void onDynamicConfig_deliversTheCurrentDocumentAtOnce_andLaterOnes() {
        try (SharedObjects shared = new SharedObjects()) {
            ServiceFilterContext context = Fixtures.context(Side.PROVIDER, Echo.class, Map.of(), shared);
            DynamicConfig first = config(Map.of("rate-limit.qps", "1"));
            DynamicConfig second = config(Map.of("rate-limit.qps", "2"));
            List<DynamicConfig> early = new ArrayList<>();
            context.onDynamicConfig(early::add);
            context.publish(first);
            List<DynamicConfig> late = new ArrayList<>();
            context.onDynamicConfig(late::add);
            context.publish(second);

            assertThat(early).containsExactly(first, second);
            assertThat(late).containsExactly(first, second);
        }
    }

    @Test
    void publish_keepsDeliveringToOtherListeners_whenOneThrows() {
        try (SharedObjects shared = new SharedObjects()) {
            ServiceFilterContext context = Fixtures.context(Side.PROVIDER, Echo.class, Map.of(), shared);
            List<DynamicConfig> received = new ArrayList<>();
            context.onDynamicConfig(config -> {
                throw new IllegalStateException("bad listener");
            });
            context.onDynamicConfig(received::add);

            context.publish(DynamicConfig.EMPTY);

            assertThat(received).containsExactly(DynamicConfig.EMPTY);
        }
    }

    @Test
    void sharedObjects_closeWhatTheyBuilt_newestFirst_butNotWhatWasRegistered() {
        List<String> closed = new ArrayList<>();
        SharedObjects shared = new SharedObjects();
        Registered registered = new Registered(closed);
        shared.register(Registered.class, registered);
        shared.get(First.class, () -> new First(closed));
        shared.get(Second.class, () -> new Second(closed));

        assertThat(shared.get(Registered.class, () -> new Registered(closed))).isSameAs(registered);
        shared.close();

        assertThat(closed).containsExactly("second", "first");
        assertThatThrownBy(() -> shared.get(First.class, () -> new First(closed)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void sharedObjects_refuseASecondRegistrationOfOneType() {
        try (SharedObjects shared = new SharedObjects()) {
            shared.register(Ticker.class, Ticker.SYSTEM);

            assertThatThrownBy(() -> shared.register(Ticker.class, new FakeTicker()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(Ticker.class.getName());
        }
    }

    @Test
    void build_withoutSharedObjects_failsNamingTheSetting() {
        assertThatThrownBy(() -> ServiceFilterContext.builder(
                                Side.PROVIDER,
                                io.courier.api.ServiceKey.of(Echo.class),
                                Fixtures.descriptor(Echo.class))
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shared");
    }

    private static DynamicConfig config(Map<String, String> limits) {
        return new DynamicConfig(1, Map.of(), Set.of(), Map.of(), List.of(), limits);
    }

    record Registered(List<String> closed) implements AutoCloseable {
        @Override
        public void close() {
            closed.add("registered");
        }
    }

    record First(List<String> closed) implements AutoCloseable {
        @Override
        public void close() {
            closed.add("first");
        }
    }

    record Second(List<String> closed) implements AutoCloseable {
        @Override
        public void close() {
            closed.add("second");
        }
    }
}
