package io.courier.grpc.internal.client;

import io.courier.api.Endpoint;
import io.courier.api.Invocation;
import io.courier.grpc.GrpcNames;
import io.courier.grpc.internal.wire.GrpcTimeout;
import io.courier.grpc.internal.wire.Metadata;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import java.util.Locale;
import java.util.Map;

/**
 * The request headers of a gRPC call: the path, {@code grpc-timeout} (the time the call waits, so the
 * server stops when the caller does; none for a stream without a deadline), the service's group and
 * version when it has them, and the call's attachments as metadata, W3C {@code traceparent} and {@code
 * authorization} included. An attachment whose name is not a gRPC metadata name once lower-cased (or a
 * reserved one, {@code grpc-*}), or whose value is not printable ASCII, is not sent: gRPC servers refuse
 * such headers. A {@code -bin} attachment's value is sent as it is, base64 as gRPC carries it.
 */
final class RequestHeaders {

    private RequestHeaders() {}

    static Http2Headers of(Invocation invocation, String path, Endpoint endpoint, long timeoutNanos) {
        Http2Headers headers = new DefaultHttp2Headers()
                .method("POST")
                .scheme("http")
                .path(path)
                .authority(endpoint.host() + ":" + endpoint.port());
        headers.set("content-type", "application/grpc");
        headers.set("te", "trailers");
        headers.set("user-agent", "courier-grpc");
        headers.set("grpc-accept-encoding", "gzip");
        if (timeoutNanos > 0) {
            headers.set("grpc-timeout", GrpcTimeout.encode(timeoutNanos));
        }
        if (!invocation.serviceKey().group().isEmpty()) {
            headers.set(GrpcNames.GROUP_METADATA, invocation.serviceKey().group());
        }
        if (!invocation.serviceKey().version().isEmpty()) {
            headers.set(GrpcNames.VERSION_METADATA, invocation.serviceKey().version());
        }
        for (Map.Entry<String, String> attachment : invocation.attachments().entrySet()) {
            String name = attachment.getKey().toLowerCase(Locale.ROOT);
            String value = attachment.getValue();
            if (value != null && Metadata.sendable(name) && printable(value)) {
                headers.add(name, value);
            }
        }
        return headers;
    }

    private static boolean printable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
