/**
 * The consumer's side of the transport: a pool of connections per endpoint ({@link EndpointPool},
 * {@link ConnectQueue}), each connection's calls in flight and their timeouts ({@link ClientConnection},
 * {@link InFlightTable}, {@link PendingCall}), the pipeline of a client channel and the invoker the
 * cluster calls ({@link EndpointInvoker}). Not part of the public API.
 */
package io.courier.transport.internal.client;
