/**
 * How {@link io.courier.grpc.GrpcProtocol} serves a stream: message framing, metadata, deadlines and
 * the stream's state. Not part of the public API; may change at any time.
 */
package io.courier.grpc.internal;
