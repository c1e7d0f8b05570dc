package io.courier.bench.events;

import io.courier.api.event.EventBroker;
import io.courier.api.event.EventBrokerContext;
import io.courier.api.event.EventKeys;
import io.courier.api.event.EventPublisher;
import io.courier.api.event.SubscriptionOptions;
import io.courier.events.kafka.KafkaEventBroker;
import io.courier.events.kafka.KafkaEventKeys;
import io.courier.events.kafka.KafkaSettings;
import io.courier.events.nats.NatsEventBroker;
import io.courier.events.nats.NatsEventKeys;
import io.courier.events.rabbitmq.AmqpEventBroker;
import io.courier.events.rabbitmq.AmqpEventKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Courier's events on one broker, with the broker's defaults, events written with hessian (as the plain sides write
 * them; json is the events' default) and read under the subscription's allow-list. Kafka: a {@link KafkaEventBroker}
 * (acks=all, idempotent, linger 5 ms, batches of 256 KiB; one consumer per subscription, commit after each handled
 * batch) whose meters go to a registry of their own that records them (as an application's would). NATS: a {@link
 * NatsEventBroker} (a stream per topic, publish acknowledged by JetStream; per partition a durable pull consumer, one
 * event in hand, explicit ack). RabbitMQ: an {@link AmqpEventBroker} (publisher confirms, a quorum queue per group,
 * prefetch 1, manual ack).
 */
final class CourierSide implements EventSide {

    private final EventBroker broker;
    private final LongSupplier clientCpu;
    private final LongSupplier consumerCpu;
    private final boolean queuesPerGroup;
    private final Map<String, EventPublisher<BenchEvent>> publishers = new ConcurrentHashMap<>();

    private CourierSide(EventBroker broker, LongSupplier clientCpu, LongSupplier consumerCpu, boolean queuesPerGroup) {
        this.broker = broker;
        this.clientCpu = clientCpu;
        this.consumerCpu = consumerCpu;
        this.queuesPerGroup = queuesPerGroup;
    }

    static CourierSide kafka(String bootstrap, int partitions) {
        KafkaSettings settings = KafkaSettings.from(context(Map.of(
                KafkaEventKeys.BOOTSTRAP_SERVERS.name(),
                bootstrap,
                KafkaEventKeys.PARTITIONS.name(),
                Integer.toString(partitions),
                KafkaEventKeys.REPLICATION_FACTOR.name(),
                "1")));
        Set<Thread> before = producerThreads();
        KafkaEventBroker broker = KafkaEventBroker.builder(settings)
                .meterRegistry(new SimpleMeterRegistry())
                .build();
        // the broker names its producer "bench-<instance>-producer": the one producer thread that is new is its
        Set<Thread> started = producerThreads();
        started.removeAll(before);
        if (started.size() != 1) {
            broker.close();
            throw new IllegalStateException("expected one new producer thread, got " + started);
        }
        Thread producer = started.iterator().next();
        return new CourierSide(broker, () -> EventSide.cpuNanos(producer), EventSide::currentThreadCpuNanos, false);
    }

    static CourierSide nats(String url, int partitions) {
        return new CourierSide(
                NatsEventBroker.create(context(Map.of(
                        NatsEventKeys.SERVERS.name(),
                        url,
                        NatsEventKeys.PARTITIONS.name(),
                        Integer.toString(partitions)))),
                EventSide::otherThreadsCpuNanos,
                EventSide::processCpuNanos,
                false);
    }

    static CourierSide rabbitmq(String uri) {
        return new CourierSide(
                AmqpEventBroker.create(context(Map.of(AmqpEventKeys.URI.name(), uri))),
                EventSide::otherThreadsCpuNanos,
                EventSide::processCpuNanos,
                true);
    }

    private static EventBrokerContext context(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        // the plain sides write hessian, so Courier does too, though json is the events' default
        all.put(EventKeys.SERIALIZER.name(), "hessian");
        return EventBrokerContext.of("bench", all);
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
    public long clientCpuNanos() {
        return clientCpu.getAsLong();
    }

    @Override
    public long consumerCpuNanos() {
        return consumerCpu.getAsLong();
    }

    @Override
    public void prepare(String topic, String group) {
        // Courier's publisher creates the topic (Kafka: waits until every partition's leader answers for it)
        publisher(topic);
        if (queuesPerGroup) {
            // RabbitMQ keeps an event only in the queues of the groups subscribed before it: subscribing declares one
            try (AutoCloseable declared = subscribe(topic, group, (sequence, sentNanos) -> {})) {
                // nothing published yet, nothing consumed
            } catch (Exception e) {
                throw new IllegalStateException("cannot declare group '" + group + "' of '" + topic + "'", e);
            }
        }
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
