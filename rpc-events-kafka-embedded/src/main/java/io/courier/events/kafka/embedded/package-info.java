/**
 * The {@code embedded} event broker: {@link io.courier.events.kafka.embedded.EmbeddedKafka}, a
 * single-node Kafka in KRaft mode run in-process on 127.0.0.1, for development, demos and tests.
 */
package io.courier.events.kafka.embedded;
