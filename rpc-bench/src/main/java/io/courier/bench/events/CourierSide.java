package io.courier.bench.events;

import io.courier.api.event.EventBrokerContext;
import io.courier.api.event.EventKeys;
import io.courier.api.event.EventPublisher;
import io.courier.api.event.SubscriptionOptions;
import io.courier.events.kafka.KafkaEventBroker;
import io.courier.events.kafka.KafkaEventKeys;
import io.courier.events.kafka.KafkaSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Courier's events: a {@link KafkaEventBroker} with its defaults (acks=all, idempotent, linger 5 ms, batches of 256
 * KiB; one consumer per subscription, commit after each handled batch), events written with hessian (as the plain
 * sides write them; json is the events' default) and read under the subscription's allow-list. Its meters go to a registry of their own that records them
 * (as an application's would), not to the global registry, which without a registry added records nothing.
 */
final class CourierSide implements EventSide {

    private final KafkaEventBroker broker;
    private final Map<String, EventPublisher<BenchEvent>> publishers = new ConcurrentHashMap<>();
    private final Thread producerThread;

    CourierSide(String bootstrap, int partitions) {
        KafkaSettings settings = KafkaSettings.from(EventBrokerContext.of(
                "bench",
                Map.of(
                        KafkaEventKeys.BOOTSTRAP_SERVERS.name(),
                        bootstrap,
                        KafkaEventKeys.PARTITIONS.name(),
                        Integer.toString(partitions),
                        KafkaEventKeys.REPLICATION_FACTOR.name(),
                        "1",
                        // the plain sides write hessian, so Courier does too, though json is the events' default
                        EventKeys.SERIALIZER.name(),
                        "hessian")));
        Set<Thread> before = producerThreads();
        this.broker = KafkaEventBroker.builder(settings)
                .meterRegistry(new SimpleMeterRegistry())
                .build();
        // the broker names its producer "bench-<instance>-producer": the one producer thread that is new is its
        Set<Thread> started = producerThreads();
        started.removeAll(before);
        if (started.size() != 1) {
            throw new IllegalStateException("expected one new producer thread, got " + started);
        }
        this.producerThread = started.iterator().next();
    }

    private static Set<Thread> producerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(EventSide.PRODUCER_THREAD))
                .collect(Collectors.toCollection(HashSet::new));
    }

    @Override
    public String name() {
        return "courier";
    }

    @Override
    public Thread producerThread() {
        return producerThread;
    }

    @Override
    public void prepare(String topic) {
        // Courier's publisher creates the topic and waits until every partition's leader answers for it
        publisher(topic);
    }

    @Override
    public void publish(String topic, BenchEvent event, Ack ack) {
        publisher(topic).publish(event.customer(), event).whenComplete((receipt, failure) -> {
            if (failure == null) {
                ack.acked();
            } else {
                ack.failed(failure);
            }
        });
    }

    private EventPublisher<BenchEvent> publisher(String topic) {
        return publishers.computeIfAbsent(topic, name -> broker.publisher(name, BenchEvent.class));
    }

    @Override
    public AutoCloseable subscribe(String topic, String group, Sink sink) {
        return broker.subscribe(
                SubscriptionOptions.builder(topic, group, BenchEvent.class).build(),
                event ->
                        sink.handled(event.payload().sequence(), event.payload().sentNanos()));
    }

    @Override
    public void close() {
        broker.close();
    }
}
