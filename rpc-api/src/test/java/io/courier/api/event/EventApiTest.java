package io.courier.api.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventApiTest {

    record Placed(String order) {}

    private static Event<Placed> event(String id) {
        return new Event<>(
                id,
                Instant.EPOCH,
                Placed.class.getName(),
                "shop",
                "k",
                Map.of(),
                new Placed("o-" + id),
                new Event.Position("orders", 0, 0),
                1);
    }

    @Test
    void options_sayValueAndExpectation() {
        assertThatThrownBy(() -> SubscriptionOptions.builder("orders", "g", Placed.class)
                        .concurrency(0)
                        .build())
                .hasMessage("concurrency: 0 (expected: 1 to 64)");
        assertThatThrownBy(() -> SubscriptionOptions.builder("or ders", "g", Placed.class)
                        .build())
                .hasMessageContaining("topic: 'or ders'");
        assertThatThrownBy(() -> SubscriptionOptions.builder("orders", "g", Placed.class)
                        .deadLetterTopic("orders")
                        .build())
                .hasMessageContaining("deadLetterTopic: 'orders'");
        assertThat(SubscriptionOptions.builder("orders", "g", Placed.class)
                        .build()
                        .deadLetterTopic())
                .isEqualTo("orders.dlt");
    }

    @Test
    void backoff_doublesUpToTheMaximum() {
        SubscriptionOptions<Placed> options = SubscriptionOptions.builder("orders", "g", Placed.class)
                .backoff(Duration.ofMillis(100), Duration.ofMillis(350))
                .build();
        assertThat(options.backoffAfter(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(options.backoffAfter(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(options.backoffAfter(3)).isEqualTo(Duration.ofMillis(350));
    }

    @Test
    void idempotentHandler_runsEachIdOnce_andRetriesFailures() throws Exception {
        List<String> effects = new ArrayList<>();
        boolean[] fail = {true};
        IdempotentHandler<Placed> handler = IdempotentHandler.of(
                e -> {
                    if (e.id().equals("b") && fail[0]) {
                        fail[0] = false;
                        throw new IllegalStateException("once");
                    }
                    effects.add(e.id());
                },
                BoundedProcessedEvents.of(100, Duration.ofMinutes(5)));
        handler.handle(event("a"));
        handler.handle(event("a"));
        assertThatThrownBy(() -> handler.handle(event("b"))).hasMessage("once");
        handler.handle(event("b"));
        handler.handle(event("b"));
        assertThat(effects).containsExactly("a", "b");
    }

    @Test
    void boundedStore_forgetsBeyondCountAndAge() {
        AtomicLong now = new AtomicLong();
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
        BoundedProcessedEvents store = BoundedProcessedEvents.of(2, Duration.ofSeconds(10), clock);
        store.add("a", Instant.EPOCH);
        store.add("b", Instant.EPOCH);
        store.add("c", Instant.EPOCH);
        assertThat(store.contains("a")).isFalse();
        assertThat(store.contains("c")).isTrue();
        now.set(10_001);
        assertThat(store.contains("c")).isFalse();
        assertThat(store.size()).isZero();
    }

    static final class BadSubscriber {
        @Subscribe(topic = "orders", group = "g")
        public int wrong(Placed placed) {
            return 0;
        }
    }

    @Test
    void annotatedMethod_withAWrongSignature_isRefusedByName() {
        assertThatThrownBy(() -> AnnotatedSubscribers.subscribe(null, new BadSubscriber()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BadSubscriber.wrong");
    }

    public static class Handlers {
        final List<String> calls = new ArrayList<>();

        @Subscribe(topic = "orders", group = "g", concurrency = 2)
        public void on(Placed placed) {
            calls.add("handled " + placed.order());
        }
    }

    /** What a class-based proxy is: a subclass overriding the method, without its annotation. */
    public static class ProxiedHandlers extends Handlers {
        @Override
        public void on(Placed placed) {
            calls.add("advice");
            super.on(placed);
        }
    }

    @Test
    void subscribeOnAnOverriddenMethod_isFound_andTheOverrideIsCalled() throws Exception {
        assertThat(EventBrokers.hasSubscribeMethods(ProxiedHandlers.class)).isTrue();
        assertThat(EventBrokers.hasSubscribeMethods(Placed.class)).isFalse();
        List<SubscriptionOptions<?>> options = new ArrayList<>();
        List<EventHandler<?>> handlers = new ArrayList<>();
        EventBroker recording = new EventBroker() {
            @Override
            public <E> EventPublisher<E> publisher(String topic, Class<E> eventType) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <E> Subscription subscribe(SubscriptionOptions<E> subscribed, EventHandler<E> handler) {
                options.add(subscribed);
                handlers.add(handler);
                return (Subscription) java.lang.reflect.Proxy.newProxyInstance(
                        Subscription.class.getClassLoader(), new Class<?>[] {Subscription.class}, (p, m, a) -> null);
            }

            @Override
            public void close() {}
        };
        ProxiedHandlers bean = new ProxiedHandlers();
        recording.subscribeAnnotated(bean);
        assertThat(options).singleElement().satisfies(o -> {
            assertThat(o.topic()).isEqualTo("orders");
            assertThat(o.concurrency()).isEqualTo(2);
        });
        @SuppressWarnings("unchecked")
        EventHandler<Placed> handler = (EventHandler<Placed>) handlers.get(0);
        handler.handle(event("a"));
        assertThat(bean.calls).containsExactly("advice", "handled o-a");
    }

    @Test
    void capabilityRefusal_namesTheBrokerTheCapabilityAndWhy() {
        assertThat(EventCapability.REPLAY_FROM_TIME.refusedBy("amqp", "queues keep no history"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("amqp cannot replay from a time: queues keep no history (docs/events.md#brokers)");
    }

    @Test
    void brokerThatDeclaresNothing_hasNoCapability() {
        EventBroker bare = new EventBroker() {
            @Override
            public <E> EventPublisher<E> publisher(String topic, Class<E> eventType) {
                throw new UnsupportedOperationException();
            }

            @Override
            public <E> Subscription subscribe(SubscriptionOptions<E> options, EventHandler<E> handler) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {}
        };
        assertThat(bare.capabilities()).isEmpty();
    }
}
