/**
 * Courier's gRPC client: the {@code grpc} call protocol by which a consumer calls stock gRPC servers on
 * Netty's HTTP/2 client codec, one multiplexed connection per endpoint. Not part of the public API; may
 * change at any time.
 */
package io.courier.grpc.internal.client;
