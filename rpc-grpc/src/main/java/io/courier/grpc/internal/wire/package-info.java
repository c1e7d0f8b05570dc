/**
 * What gRPC's both sides read and write on the wire, below the server's streams and the client alike:
 * length-prefixed messages, metadata, the deadline header and status messages. Not part of the public
 * API; may change at any time.
 */
package io.courier.grpc.internal.wire;
