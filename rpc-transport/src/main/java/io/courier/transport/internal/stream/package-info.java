/**
 * Streams on both sides: the client's and the server's stream tables and streams, the flow-controlled
 * inbound and outbound message queues between a stream and its channel, and the stream gauges.
 * Not part of the public API.
 */
package io.courier.transport.internal.stream;
