package io.courier.bench.events;

import io.courier.api.event.EventBrokerContext;
import io.courier.api.event.EventPublisher;
import io.courier.api.event.SubscriptionOptions;
import io.courier.events.kafka.KafkaEventBroker;
import io.courier.events.kafka.KafkaSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Courier's events: a {@link KafkaEventBroker} with its defaults (acks=all, idempotent, linger 5 ms, batches of 256
 * KiB; one consumer per subscription, commit after each handled batch), events written with the default serializer
 * (hessian) and read under the subscription's allow-list. Its meters go to a registry of their own that records them
 * (as an application's would), not to the global registry, which without a registry added records nothing.
 */
final class CourierSide implements EventSide {

    private final KafkaEventBroker broker;
    private final Map<String, EventPublisher<BenchEvent>> publishers = new ConcurrentHashMap<>();

    CourierSide(String bootstrap, int partitions) {
        KafkaSettings settings = KafkaSettings.from(EventBrokerContext.of(
                "bench",
                Map.of(
                        "courier.events.kafka.bootstrap-servers",
                        bootstrap,
                        "courier.events.kafka.partitions",
                        Integer.toString(partitions),
                        "courier.events.kafka.replication-factor",
                        "1")));
        this.broker = KafkaEventBroker.builder(settings)
                .meterRegistry(new SimpleMeterRegistry())
                .build();
    }

    @Override
    public String name() {
        return "courier";
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
