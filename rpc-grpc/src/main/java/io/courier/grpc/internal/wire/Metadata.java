package io.courier.grpc.internal.wire;

import io.netty.handler.codec.http2.Http2Headers;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Request metadata as a call's attachments: every header but HTTP/2's pseudo-headers and those gRPC
 * and HTTP reserve. A {@code -bin} value stays as it travels (base64), so a string attachment carries
 * it unchanged; a key seen twice keeps its values joined by a comma, as HTTP does.
 */
public final class Metadata {

    private static final Set<String> RESERVED = Set.of(
            "content-type",
            "te",
            "user-agent",
            "grpc-timeout",
            "grpc-encoding",
            "grpc-accept-encoding",
            "grpc-message-type",
            "host",
            "connection",
            "accept-encoding",
            "content-length");

    private Metadata() {}

    public static Map<String, String> attachments(Http2Headers headers) {
        Map<String, String> attachments = new HashMap<>();
        for (Map.Entry<CharSequence, CharSequence> header : headers) {
            String name = header.getKey().toString();
            if (name.startsWith(":") || RESERVED.contains(name)) {
                continue;
            }
            attachments.merge(name, header.getValue().toString(), (a, b) -> a + "," + b);
        }
        return attachments;
    }

    /** Whether {@code name} may be sent as response metadata. */
    public static boolean sendable(String name) {
        return !name.isEmpty()
                && !name.startsWith(":")
                && !name.startsWith("grpc-")
                && !RESERVED.contains(name)
                && name.chars()
                        .allMatch(
                                c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.');
    }
}
