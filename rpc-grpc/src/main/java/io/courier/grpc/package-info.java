/**
 * gRPC on a Courier provider's own port: {@link io.courier.grpc.GrpcProtocol} recognises HTTP/2 from a
 * connection's first bytes and runs each gRPC call through the provider path of Courier's calls.
 */
package io.courier.grpc;
