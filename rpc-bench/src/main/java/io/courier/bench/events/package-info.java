/**
 * Courier's events against plain kafka-clients on the same embedded Kafka broker: publish and consume throughput and
 * the latency from publish to handler, both sides in one run, round after round ({@link EventsComparison}).
 */
package io.courier.bench.events;
