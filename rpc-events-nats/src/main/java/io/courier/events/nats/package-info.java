/** The events API (rpc-api's {@code io.courier.api.event}) on NATS JetStream: {@code courier.events.broker=nats}. */
package io.courier.events.nats;
