/**
 * Netty client and server: pooled multiplexed connections, in-flight tables, timeouts, heartbeats,
 * and other protocols served on the server's port ({@link io.courier.transport.PortProtocol}).
 */
package io.courier.transport;
