package io.courier.gateway;

import io.courier.api.ServiceKey;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Optional;

/** The parts of a request path {@code /{service}/{method}}, each decoded once. */
final class RequestPaths {

    private RequestPaths() {}

    /** The raw (still percent-encoded) path of a request target: what precedes its query or fragment. */
    static String raw(String target) {
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '?' || c == '#') {
                return target.substring(0, i);
            }
        }
        return target;
    }

    /** The service of a raw path {@code /{service}/{method}}: everything before its last '/', decoded once. */
    static Optional<ServiceKey> serviceOf(String rawPath) {
        int slash = rawPath.lastIndexOf('/');
        return slash > 1 ? key(rawPath.substring(1, slash)) : Optional.empty();
    }

    /** The method of a raw path {@code /{service}/{method}}, decoded once; empty if none. */
    static String methodOf(String rawPath) {
        int slash = rawPath.lastIndexOf('/');
        return slash > 1 ? decode(rawPath.substring(slash + 1)) : "";
    }

    /** The service key of a raw (still percent-encoded) path segment, decoded once. */
    static Optional<ServiceKey> key(String raw) {
        try {
            String decoded = QueryStringDecoder.decodeComponent(raw);
            return decoded.isEmpty() ? Optional.empty() : Optional.of(ServiceKey.parse(decoded));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A raw path segment decoded once; empty when it is not valid percent-encoding. */
    static String decode(String raw) {
        try {
            return QueryStringDecoder.decodeComponent(raw);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
