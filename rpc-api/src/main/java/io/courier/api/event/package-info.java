/**
 * Events: typed publishers, subscribers with a consumer group each, the envelope every event
 * carries, the broker extension point ({@link io.courier.api.event.EventBrokerFactory}) and the
 * idempotent-consumer helper. Delivery is at least once; docs/events.md says what that means.
 */
package io.courier.api.event;
