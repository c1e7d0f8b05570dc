/**
 * The provider's side of the transport: the pipeline of an accepted channel
 * ({@link ServerChannelInitializer}), a connection and its requests ({@link ServerConnection},
 * {@link ServerHandler}, {@link RequestTask}), and the server's own bounds (connection limit, slow
 * frames, idle connections). Not part of the public API.
 */
package io.courier.transport.internal.server;
