/** The events API (rpc-api's {@code io.courier.api.event}) on RabbitMQ: {@code courier.events.broker=amqp}. */
package io.courier.events.rabbitmq;
