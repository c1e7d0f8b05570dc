/**
 * The gRPC side of the gateway's browser calls: what gRPC-Web and Connect carry on the wire ({@link
 * io.courier.gateway.grpcweb.BrowserWire}), the HTTP/2 client that forwards a call to a provider's gRPC port
 * ({@link io.courier.gateway.grpcweb.GrpcUpstream}), and Connect's JSON on the provider's own schema ({@link
 * io.courier.gateway.grpcweb.ConnectJson}). Knows nothing of the gateway's routing: the gateway uses it.
 */
package io.courier.gateway.grpcweb;
