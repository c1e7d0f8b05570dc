/**
 * What the event brokers other than Kafka share, whatever carries the event: the envelope in text
 * headers ({@link io.courier.events.core.EventEnvelope}), the publish and process spans ({@link
 * io.courier.events.core.EventSpans}), the handler's attempts with backoff ({@link
 * io.courier.events.core.Attempts}). For broker modules, not applications.
 */
package io.courier.events.core;
