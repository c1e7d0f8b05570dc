package io.courier.api.event;

import java.util.concurrent.CompletableFuture;

/**
 * Publishes events of one type to one topic. Obtained from {@link EventBroker#publisher}; the
 * broker owns it, so it needs no closing of its own. Thread-safe: any number of threads may
 * publish at once.
 *
 * @param <E> the event type
 */
public interface EventPublisher<E> {

    /** The topic this publisher writes to. */
    String topic();

    /**
     * Publishes {@code event} under {@code key}: events with the same key go to the same partition
     * and are delivered to each consumer group in the order their publishes were called from one
     * thread. The envelope (id, time, type, source, trace context of the current span) is added
     * here.
     *
     * <p>The returned future completes with the broker's receipt once the event is stored durably
     * (acknowledged by all in-sync replicas; the producer is idempotent, so a retried send is not
     * stored twice). It completes exceptionally, and then the event may or may not be stored, if
     * the broker does not acknowledge it within the delivery timeout
     * ({@code courier.events.kafka.delivery-timeout} for Kafka), if the broker refuses it, or if the
     * publisher is closed; a caller that needs the event retries, and subscribers de-duplicate by
     * id. It fails at once with {@link io.courier.api.RpcException} ({@code SERIALIZATION}) if the
     * event cannot be serialized, and then nothing was sent. While the broker is unreachable or
     * the client's send buffer is full, this method itself may block up to a bounded time ({@code
     * courier.events.kafka.max-block-millis} for Kafka) before its future fails. Callbacks run on the
     * broker client's I/O thread and must not block.
     *
     * @throws NullPointerException if {@code key} or {@code event} is {@code null}
     */
    CompletableFuture<PublishReceipt> publish(String key, E event);
}
