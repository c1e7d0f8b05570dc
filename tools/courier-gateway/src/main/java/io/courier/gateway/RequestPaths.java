package io.courier.gateway;

import io.courier.api.ServiceKey;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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

    /** What a call's path names: its service and its method. */
    record Route(ServiceKey key, String method) {}

    /** The route of a raw path {@code /{service}/{method}}, or {@code null} when it names none. */
    static Route route(String rawPath) {
        Optional<ServiceKey> key = serviceOf(rawPath);
        String method = methodOf(rawPath);
        return key.isEmpty() || method.isEmpty() ? null : new Route(key.get(), method);
    }

    /**
     * The routes of the paths of known methods, parsed once: a request's path is decoded and its
     * service key parsed on its first call only. Holds at most {@link #MAX}
     * paths, only those {@link #keep kept} (a caller keeps a method it could call, so a flood of
     * made-up paths fills nothing); past that, paths are parsed per request as before. Thread-safe.
     */
    static final class Routes {
        static final int MAX = 1024;

        private final Map<String, Route> byPath = new ConcurrentHashMap<>();

        /** The route of {@code rawPath}, kept or parsed now; {@code null} when it names none. */
        Route of(String rawPath) {
            Route kept = byPath.get(rawPath);
            return kept != null ? kept : route(rawPath);
        }

        /** Keeps {@code route} for {@code rawPath}, while fewer than {@link #MAX} are kept. */
        void keep(String rawPath, Route route) {
            if (byPath.size() < MAX) {
                byPath.putIfAbsent(rawPath, route);
            }
        }

        int size() {
            return byPath.size();
        }
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
