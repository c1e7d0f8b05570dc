/**
 * The events API on Apache Kafka: {@link io.courier.events.kafka.KafkaEventBroker} (found as the
 * {@code kafka} {@link io.courier.api.event.EventBrokerFactory}), its publishers and subscriptions,
 * and its configuration keys ({@link io.courier.events.kafka.KafkaEventKeys}).
 */
package io.courier.events.kafka;
