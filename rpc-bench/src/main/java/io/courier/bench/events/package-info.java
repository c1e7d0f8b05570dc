/**
 * Courier's events against each broker's own Java client on the same broker (Kafka, NATS JetStream, RabbitMQ): publish
 * and consume throughput and the latency from publish to handler, every side in one run, round after round ({@link
 * io.courier.bench.events.EventsComparison}).
 */
package io.courier.bench.events;
