/** Netty client and server: pooled multiplexed connections, in-flight tables, timeouts, heartbeats. */
package io.courier.transport;
