package io.courier.api.event.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.courier.api.event.BoundedProcessedEvents;
import io.courier.api.event.Event;
import io.courier.api.event.EventBroker;
import io.courier.api.event.EventCapability;
import io.courier.api.event.EventHandler;
import io.courier.api.event.EventPublisher;
import io.courier.api.event.IdempotentHandler;
import io.courier.api.event.PublishReceipt;
import io.courier.api.event.Subscription;
import io.courier.api.event.SubscriptionOptions;
import io.courier.api.event.UnprocessableEventException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link EventBroker} promises (docs/events.md), against the module's real broker:
 * at-least-once delivery with the envelope, order per key across a group's members, groups sharing
 * work and each group getting every event, retries then the dead-letter destination, pause and
 * resume, the strict allow-list, the W3C trace context from publish to handler, the idempotent
 * helper making effects exactly once, and each {@link EventCapability}: checked where the broker
 * declares it, refused in words where it does not. A broker module runs it through a subclass whose
 * test class starts the server and answers {@link #harness()}; {@link SubscriberKillContract} holds
 * the crash test.
 *
 * <p>Each test uses topics of its own, so one server serves them all. Shipped in rpc-api's test-jar.
 */
@Timeout(120)
public abstract class EventBrokerContract {

    /** The longest wait for what a test expects; a broker's group joins take seconds on a loaded machine. */
    protected static final Duration WAIT = Duration.ofSeconds(45);

    private static final AtomicInteger TOPICS = new AtomicInteger();

    private final List<AutoCloseable> opened = new ArrayList<>();
    private String prefix;

    /** The broker server under test and how to reach it. */
    protected abstract EventBrokerHarness harness();

    @BeforeEach
    void newPrefix(TestInfo test) {
        prefix = "c" + TOPICS.incrementAndGet() + "-"
                + test.getTestMethod().orElseThrow().getName().length();
    }

    @AfterEach
    void closeOpened() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        opened.clear();
    }

    /** A topic name of this test's own. */
    protected String topic(String name) {
        return prefix + "." + name;
    }

    /** A broker as an application named {@code application} opens it, closed after the test. */
    protected EventBroker broker(String application) {
        return track(ContractTelemetry.open(application, harness().settings()));
    }

    protected <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    protected static SubscriptionOptions.Builder<ContractOrder> options(String topic, String group) {
        return SubscriptionOptions.builder(topic, group, ContractOrder.class)
                .backoff(Duration.ofMillis(10), Duration.ofMillis(40));
    }

    /** Publishes {@code count} orders over {@code keys} keys (sequence per key from 0) and waits for every receipt. */
    protected static List<PublishReceipt> publish(EventPublisher<ContractOrder> publisher, int count, int keys) {
        List<java.util.concurrent.CompletableFuture<PublishReceipt>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String key = "k" + (i % keys);
            futures.add(publisher.publish(key, new ContractOrder("o-" + i, key, i / keys)));
        }
        return futures.stream()
                .map(java.util.concurrent.CompletableFuture::join)
                .toList();
    }

    @Test
    void everyAcknowledgedEvent_isHandled_withItsEnvelope() {
        EventBroker broker = broker("shop");
        String topic = topic("orders");
        List<Event<ContractOrder>> handled = new CopyOnWriteArrayList<>();
        track(broker.subscribe(options(topic, "inventory").build(), handled::add));
        List<PublishReceipt> receipts = publish(broker.publisher(topic, ContractOrder.class), 40, 4);

        await().atMost(WAIT).until(() -> ids(handled).containsAll(receiptIds(receipts)));
        Event<ContractOrder> first = handled.stream()
                .filter(e -> e.id().equals(receipts.get(0).eventId()))
                .findFirst()
                .orElseThrow();
        assertThat(first.type()).isEqualTo(ContractOrder.class.getName());
        assertThat(first.source()).isEqualTo("shop");
        assertThat(first.key()).isEqualTo("k0");
        assertThat(first.payload()).isEqualTo(new ContractOrder("o-0", "k0", 0));
        assertThat(first.attempt()).isEqualTo(1);
        assertThat(first.position().topic()).isEqualTo(topic);
        assertThat(first.time()).isEqualTo(receipts.get(0).time());
        if (broker.capabilities().contains(EventCapability.REPLAY_FROM_POSITION)) {
            // a broker that numbers its events tells the publisher where the subscriber will find it
            assertThat(first.position()).isEqualTo(receipts.get(0).position());
        }
    }

    @Test
    void orderIsKeptPerKey_acrossAGroupOfThreeMembers_orRefusedInWords() {
        EventBroker broker = broker("shop");
        String topic = topic("ordered");
        Map<String, List<Long>> seen = new ConcurrentHashMap<>();
        AtomicInteger delivered = new AtomicInteger();
        EventHandler<ContractOrder> handler = event -> {
            seen.computeIfAbsent(event.key(), k -> new CopyOnWriteArrayList<>())
                    .add(event.payload().sequence());
            delivered.incrementAndGet();
        };
        SubscriptionOptions<ContractOrder> three =
                options(topic, "ordered").concurrency(3).build();
        if (broker.capabilities().contains(EventCapability.ORDER_PER_KEY_ACROSS_MEMBERS)) {
            track(broker.subscribe(three, handler));
        } else {
            assertRefused(() -> broker.subscribe(three, handler), EventCapability.ORDER_PER_KEY_ACROSS_MEMBERS);
            // a group of one member keeps the order on every broker
            track(broker.subscribe(options(topic, "ordered").build(), handler));
        }
        publish(broker.publisher(topic, ContractOrder.class), 1_000, 10);

        await().atMost(WAIT).until(() -> delivered.get() >= 1_000);
        assertThat(seen).hasSize(10);
        seen.forEach((key, sequences) -> assertThat(firstDeliveriesInOrder(sequences))
                .as("key %s: %s", key, sequences)
                .isTrue());
    }

    /** Whether the first delivery of each sequence number comes in order 0, 1, 2, ... (redeliveries aside). */
    static boolean firstDeliveriesInOrder(List<Long> sequences) {
        long next = 0;
        for (long sequence : sequences) {
            if (sequence == next) {
                next++;
            } else if (sequence > next) {
                return false;
            }
        }
        return true;
    }

    @Test
    void membersOfAGroupShareTheEvents_andEachGroupGetsEveryEvent() {
        EventBroker first = broker("inventory-1");
        EventBroker second = broker("inventory-2");
        String topic = topic("shared");
        Set<String> one = ConcurrentHashMap.newKeySet();
        Set<String> two = ConcurrentHashMap.newKeySet();
        Set<String> audit = ConcurrentHashMap.newKeySet();
        track(first.subscribe(options(topic, "inventory").build(), e -> one.add(e.id())));
        track(second.subscribe(options(topic, "inventory").build(), e -> two.add(e.id())));
        track(second.subscribe(options(topic, "audit").build(), e -> audit.add(e.id())));
        // both members must have joined before the events come, or the first takes them all
        EventPublisher<ContractOrder> publisher = first.publisher(topic, ContractOrder.class);
        Set<String> published = ConcurrentHashMap.newKeySet();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            published.addAll(receiptIds(publish(publisher, 24, 24)));
            return !one.isEmpty() && !two.isEmpty();
        });

        await().atMost(WAIT).until(() -> union(one, two).containsAll(published) && audit.containsAll(published));
        assertThat(one).as("the first member's share").isNotEmpty();
        assertThat(two).as("the second member's share").isNotEmpty();
    }

    @Test
    void failingEvent_isRetried_thenDeadLettered_andTheNextEventsFollow() {
        EventBroker broker = broker("billing");
        String topic = topic("payments");
        Map<Long, AtomicInteger> attempts = new ConcurrentHashMap<>();
        List<Long> handled = new CopyOnWriteArrayList<>();
        SubscriptionOptions<ContractOrder> options = options(topic, "billing").build();
        track(broker.subscribe(options, event -> {
            long seq = event.payload().sequence();
            int attempt =
                    attempts.computeIfAbsent(seq, s -> new AtomicInteger()).incrementAndGet();
            assertThat(event.attempt()).isEqualTo(attempt);
            if (seq == 3) {
                throw new IllegalStateException("card declined for o-3");
            }
            if (seq == 5) {
                throw new UnprocessableEventException("no such customer");
            }
            handled.add(seq);
        }));
        List<Event<ContractOrder>> dead = new CopyOnWriteArrayList<>();
        track(broker.subscribe(options(options.deadLetterTopic(), "billing-dlt").build(), dead::add));
        publish(broker.publisher(topic, ContractOrder.class), 8, 1);

        await().atMost(WAIT).until(() -> handled.size() == 6 && dead.size() == 2);
        assertThat(handled).containsExactly(0L, 1L, 2L, 4L, 6L, 7L);
        assertThat(attempts.get(3L)).hasValue(options.maxAttempts());
        assertThat(attempts.get(5L)).hasValue(1);
        assertThat(dead).extracting(e -> e.payload().sequence()).containsExactlyInAnyOrder(3L, 5L);
    }

    @Test
    void pausedSubscription_handlesNothing_untilResumed() {
        EventBroker broker = broker("shop");
        String topic = topic("paused");
        Set<String> handled = ConcurrentHashMap.newKeySet();
        Subscription subscription =
                track(broker.subscribe(options(topic, "paused").build(), e -> handled.add(e.id())));
        EventPublisher<ContractOrder> publisher = broker.publisher(topic, ContractOrder.class);
        publish(publisher, 5, 1);
        await().atMost(WAIT).until(() -> handled.size() == 5);

        subscription.pause();
        assertThat(subscription.paused()).isTrue();
        Set<String> whilePaused = receiptIds(publish(publisher, 5, 1));
        // bounded: two seconds in which a paused subscription must hand out nothing new
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> handled.stream()
                .noneMatch(whilePaused::contains));
        subscription.resume();
        await().atMost(WAIT).until(() -> handled.containsAll(whilePaused));
    }

    @Test
    void eventOfAnotherType_isRefusedByTheAllowList_deadLettered_andTheTopicFlows() {
        EventBroker broker = broker("shop");
        String topic = topic("strict");
        List<Object> handled = new CopyOnWriteArrayList<>();
        SubscriptionOptions<ContractOrder> options = options(topic, "strict").build();
        track(broker.subscribe(options, e -> handled.add(e.payload())));
        List<Event<Intruder>> dead = new CopyOnWriteArrayList<>();
        track(broker.subscribe(
                SubscriptionOptions.builder(options.deadLetterTopic(), "strict-dlt", Intruder.class)
                        .build(),
                dead::add));
        // another application's publisher: one broker keeps one type per topic
        broker("intruder")
                .publisher(topic, Intruder.class)
                .publish("k", new Intruder("rm -rf /"))
                .join();
        publish(broker.publisher(topic, ContractOrder.class), 1, 1);

        await().atMost(WAIT).until(() -> handled.size() == 1 && dead.size() == 1);
        assertThat(handled).containsExactly(new ContractOrder("o-0", "k0", 0));
        assertThat(dead.get(0).payload()).isEqualTo(new Intruder("rm -rf /"));
    }

    @Test
    void handlerRunsInThePublishersTrace() throws Exception {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        try (OpenTelemetrySdk telemetry = ContractTelemetry.sdk(exporter)) {
            EventBroker broker = track(ContractTelemetry.open("shop", harness().settings(), telemetry));
            String topic = topic("traced");
            List<String> handlerTraces = new CopyOnWriteArrayList<>();
            List<Event<ContractOrder>> events = new CopyOnWriteArrayList<>();
            track(broker.subscribe(options(topic, "traced").build(), event -> {
                handlerTraces.add(Span.current().getSpanContext().getTraceId());
                events.add(event);
            }));
            Span call =
                    telemetry.getTracer("contract").spanBuilder("GET /orders").startSpan();
            try (Scope scope = call.makeCurrent()) {
                broker.publisher(topic, ContractOrder.class)
                        .publish("k", new ContractOrder("o", "k", 0))
                        .join();
            } finally {
                call.end();
            }
            await().atMost(WAIT).until(() -> events.size() == 1);
            String traceId = call.getSpanContext().getTraceId();
            assertThat(handlerTraces).containsExactly(traceId);
            assertThat(events.get(0).traceContext().get("traceparent")).contains(traceId);
            closeOpened();
        }
    }

    @Test
    void idempotentHandler_makesTheEffectOnce_whateverIsRedelivered() {
        EventBroker broker = broker("ledger");
        String topic = topic("ledger");
        Map<String, AtomicInteger> effects = new ConcurrentHashMap<>();
        AtomicInteger deliveries = new AtomicInteger();
        EventHandler<ContractOrder> effect =
                e -> effects.computeIfAbsent(e.id(), id -> new AtomicInteger()).incrementAndGet();
        EventHandler<ContractOrder> once =
                IdempotentHandler.of(effect, BoundedProcessedEvents.of(1_000, Duration.ofMinutes(5)));
        // what a crash after the effect does: the effect happens, the acknowledgement does not
        track(broker.subscribe(options(topic, "ledger").build(), event -> {
            deliveries.incrementAndGet();
            once.handle(event);
            if (event.attempt() == 1) {
                throw new IllegalStateException("lost the acknowledgement");
            }
        }));
        Set<String> published = receiptIds(publish(broker.publisher(topic, ContractOrder.class), 10, 2));

        await().atMost(WAIT).until(() -> deliveries.get() >= 20);
        assertThat(effects.keySet()).isEqualTo(published);
        assertThat(effects.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    }

    @Test
    void replayFromPosition_redelivers_orIsRefusedInWords() {
        EventBroker broker = broker("shop");
        String topic = topic("replayed");
        List<Event<ContractOrder>> handled = new CopyOnWriteArrayList<>();
        Subscription subscription =
                track(broker.subscribe(options(topic, "replay").build(), handled::add));
        List<PublishReceipt> receipts = publish(broker.publisher(topic, ContractOrder.class), 6, 1);
        await().atMost(WAIT).until(() -> handled.size() == 6);
        Event.Position third = receipts.get(2).position();
        if (!broker.capabilities().contains(EventCapability.REPLAY_FROM_POSITION)) {
            assertRefused(
                    () -> subscription.replayFromOffset(third.partition(), third.offset()),
                    EventCapability.REPLAY_FROM_POSITION);
            return;
        }
        subscription.replayFromOffset(third.partition(), third.offset());
        await().atMost(WAIT).until(() -> handled.size() == 10);
        assertThat(handled.subList(6, 10))
                .extracting(Event::id)
                .containsExactlyElementsOf(receiptIds(receipts.subList(2, 6), true));
    }

    @Test
    void replayFromTime_redelivers_orIsRefusedInWords() {
        EventBroker broker = broker("shop");
        String topic = topic("replayed-time");
        List<Event<ContractOrder>> handled = new CopyOnWriteArrayList<>();
        Subscription subscription =
                track(broker.subscribe(options(topic, "replay").build(), handled::add));
        EventPublisher<ContractOrder> publisher = broker.publisher(topic, ContractOrder.class);
        publish(publisher, 3, 1);
        await().atMost(WAIT).until(() -> handled.size() == 3);
        Instant between = Instant.now().plusMillis(5);
        await().atMost(Duration.ofSeconds(1)).until(() -> Instant.now().isAfter(between.plusMillis(5)));
        Set<String> later = receiptIds(publish(publisher, 3, 1));
        await().atMost(WAIT).until(() -> handled.size() == 6);
        if (!broker.capabilities().contains(EventCapability.REPLAY_FROM_TIME)) {
            assertRefused(() -> subscription.replayFrom(between), EventCapability.REPLAY_FROM_TIME);
            return;
        }
        subscription.replayFrom(between);
        await().atMost(WAIT).until(() -> handled.size() == 9);
        assertThat(ids(handled.subList(6, 9))).isEqualTo(later);
    }

    private void assertRefused(Runnable call, EventCapability capability) {
        assertThatThrownBy(call::run)
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageStartingWith(harness().name() + " cannot " + capability.action() + ": ");
    }

    static Set<String> ids(List<? extends Event<?>> events) {
        return events.stream().map(Event::id).collect(Collectors.toSet());
    }

    static Set<String> receiptIds(List<PublishReceipt> receipts) {
        return receipts.stream().map(PublishReceipt::eventId).collect(Collectors.toSet());
    }

    static List<String> receiptIds(List<PublishReceipt> receipts, boolean ordered) {
        return receipts.stream().map(PublishReceipt::eventId).toList();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
