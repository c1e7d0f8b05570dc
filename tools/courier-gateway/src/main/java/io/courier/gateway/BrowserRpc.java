package io.courier.gateway;

import io.courier.api.Endpoint;
import io.courier.api.ServiceKey;
import io.courier.gateway.grpcweb.BrowserWire;
import io.courier.gateway.grpcweb.ConnectJson;
import io.courier.gateway.grpcweb.GrpcUpstream;
import io.courier.grpc.GrpcNames;
import io.courier.grpc.GrpcStatus;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http2.Http2Headers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * gRPC-Web and Connect calls, forwarded as gRPC to a provider that serves it (its registry entry lists
 * {@code grpc}): the path is gRPC's {@code /{service}/{Method}}, the bytes stay protobuf end to end and
 * the provider's interface-derived schema is the only one. Blocking where it reads the registry: call it
 * off the IO threads.
 */
final class BrowserRpc {

    /** The headers a browser's gRPC-Web or Connect client sends, for a CORS preflight. */
    static final String REQUEST_HEADERS = "Connect-Protocol-Version, Connect-Timeout-Ms, Grpc-Timeout, X-Grpc-Web,"
            + " X-User-Agent, Content-Encoding, Connect-Content-Encoding, Connect-Accept-Encoding, Grpc-Encoding,"
            + " Grpc-Accept-Encoding";

    private static final List<String> FORWARDED = List.of("authorization", "traceparent", "tracestate");

    private final GatewayOptions options;
    private final ServiceCatalog catalog;
    private final GrpcUpstream upstream;
    private final GatewayMetrics metrics;
    private final ConnectJson json;

    BrowserRpc(GatewayOptions options, ServiceCatalog catalog, GrpcUpstream upstream, GatewayMetrics metrics) {
        this.options = options;
        this.catalog = catalog;
        this.upstream = upstream;
        this.metrics = metrics;
        this.json = new ConnectJson(upstream, ServiceCatalog.REFRESH_NANOS);
    }

    /** Calls {@code rawPath} ({@code /{service}/{Method}}) with {@code body} as {@code wire} carries it. */
    void call(Exchange exchange, BrowserWire wire, String rawPath, HttpHeaders headers, byte[] body) {
        BrowserAnswer answer = new BrowserAnswer(exchange, wire, options, metrics);
        byte[] message;
        try {
            message = BrowserWire.Encoding.inflated(wire, headers, body, options.maxBodyBytes());
        } catch (BrowserWire.Encoding.Refused e) {
            answer.refuse(e);
            return;
        } catch (IllegalArgumentException e) {
            answer.fail(GrpcStatus.INVALID_ARGUMENT, "the body is not base64: " + e.getMessage());
            return;
        }
        forward(answer, rawPath, headers, message, false);
    }

    /** Whether {@code uri} is a Connect unary GET: it carries {@code message} and {@code encoding}. */
    static boolean isConnectGet(QueryStringDecoder uri) {
        return uri.parameters().containsKey("message") && uri.parameters().containsKey("encoding");
    }

    /**
     * A Connect unary GET ({@code ?encoding=proto&base64=1&message=...}) of an {@code @Idempotent}
     * method; anything else is refused before a call is made.
     */
    void get(Exchange exchange, QueryStringDecoder uri, HttpHeaders headers) {
        java.util.Map<String, List<String>> query = uri.parameters();
        String encoding = first(query, "encoding");
        BrowserWire wire = "json".equals(encoding) ? BrowserWire.CONNECT_JSON : BrowserWire.CONNECT_UNARY;
        BrowserAnswer answer = new BrowserAnswer(exchange, wire, options, metrics);
        if (!"proto".equals(encoding) && !"json".equals(encoding)) {
            answer.fail(GrpcStatus.INVALID_ARGUMENT, "a GET call's encoding is proto or json, not " + encoding);
            return;
        }
        byte[] message;
        try {
            boolean gzip = BrowserWire.Encoding.gzip(first(query, "compression"));
            message = "1".equals(first(query, "base64"))
                    ? java.util.Base64.getUrlDecoder().decode(stripPadding(first(query, "message")))
                    : rawParameter(uri.rawQuery(), "message");
            message = gzip ? BrowserWire.Encoding.inflate(message, options.maxBodyBytes()) : message;
        } catch (BrowserWire.Encoding.Refused e) {
            answer.refuse(e);
            return;
        } catch (IllegalArgumentException e) {
            answer.fail(GrpcStatus.INVALID_ARGUMENT, "message is not base64url: " + e.getMessage());
            return;
        }
        forward(answer, uri.rawPath(), headers, message, true);
    }

    private void forward(
            BrowserAnswer answer, String rawPath, HttpHeaders headers, byte[] body, boolean idempotentOnly) {
        Exchange exchange = answer.exchange();
        BrowserWire wire = answer.wire();
        String path = QueryStringDecoder.decodeComponent(rawPath);
        int slash = path.lastIndexOf('/');
        if (slash <= 1 || slash == path.length() - 1) {
            answer.fail(GrpcStatus.UNIMPLEMENTED, "expected: POST /{service}/{Method}");
            return;
        }
        String service = path.substring(1, slash);
        ServiceKey key = serviceKey(service, headers);
        if (key == null) {
            answer.fail(GrpcStatus.UNIMPLEMENTED, "no such service: " + service);
            return;
        }
        if (idempotentOnly && !idempotent(key, path.substring(slash + 1))) {
            answer.fail(
                    GrpcStatus.UNIMPLEMENTED,
                    path.substring(slash + 1) + " is not @Idempotent: call it with POST, not GET");
            return;
        }
        List<Endpoint> endpoints = catalog.grpcEndpoints(key);
        if (endpoints.isEmpty()) {
            answer.fail(GrpcStatus.UNAVAILABLE, "no provider of " + key + " serves gRPC");
            return;
        }
        Endpoint endpoint = endpoints.get(ThreadLocalRandom.current().nextInt(endpoints.size()));
        byte[] message = body;
        if (wire == BrowserWire.CONNECT_STREAM_JSON) {
            message = unenvelope(body);
            if (message == null) {
                answer.fail(GrpcStatus.INVALID_ARGUMENT, "expected one enveloped JSON message (flags 0)");
                return;
            }
        }
        if (wire.json()) {
            message = jsonToProto(answer, endpoint, service, path.substring(slash + 1), message);
            if (message == null) {
                return;
            }
        }
        ByteBuf request;
        String timeout;
        try {
            request = wire.request(message);
            timeout = timeout(headers);
        } catch (IllegalArgumentException e) {
            answer.fail(GrpcStatus.INVALID_ARGUMENT, e.getMessage());
            return;
        }
        upstream.call(
                endpoint,
                upstreamHeaders(endpoint, rawPath, key, timeout, headers),
                request,
                exchange.ctx().channel(),
                answer);
    }

    /** The catalog's service whose gRPC name is {@code service}, of the group and version asked, or {@code null}. */
    private ServiceKey serviceKey(String service, HttpHeaders headers) {
        return catalog.all().keySet().stream()
                .filter(candidate -> GrpcNames.service(candidate).equals(service))
                .filter(candidate -> matches(candidate.group(), headers.get(GrpcNames.GROUP_METADATA)))
                .filter(candidate -> matches(candidate.version(), headers.get(GrpcNames.VERSION_METADATA)))
                .findFirst()
                .orElse(null);
    }

    /** The gRPC request's headers: its path, deadline, service group and version, and the headers passed on. */
    private static Http2Headers upstreamHeaders(
            Endpoint endpoint, String rawPath, ServiceKey key, String timeout, HttpHeaders headers) {
        Http2Headers grpc = GrpcUpstream.requestHeaders(endpoint, rawPath);
        if (timeout != null) {
            grpc.set("grpc-timeout", timeout);
        }
        if (key.group() != null && !key.group().isEmpty()) {
            grpc.set(GrpcNames.GROUP_METADATA, key.group());
        }
        if (key.version() != null && !key.version().isEmpty()) {
            grpc.set(GrpcNames.VERSION_METADATA, key.version());
        }
        for (String name : FORWARDED) {
            String value = headers.get(name);
            if (value != null) {
                grpc.set(name, value);
            }
        }
        return grpc;
    }

    /** The protobuf of a Connect JSON request, or {@code null} once the failure is answered. */
    private byte[] jsonToProto(BrowserAnswer answer, Endpoint endpoint, String service, String method, byte[] body) {
        try {
            com.google.protobuf.Descriptors.MethodDescriptor described =
                    json.method(endpoint, answer.exchange().ctx().channel(), service, method);
            if (described == null) {
                answer.fail(GrpcStatus.UNIMPLEMENTED, "no such method of " + service + ": " + method);
                return null;
            }
            answer.answerAsJson(described.getOutputType());
            return ConnectJson.toProto(described.getInputType(), new String(body, StandardCharsets.UTF_8));
        } catch (IllegalStateException e) {
            answer.fail(GrpcStatus.UNAVAILABLE, e.getMessage());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            answer.fail(GrpcStatus.INVALID_ARGUMENT, "not the JSON of the request message: " + e.getMessage());
        }
        return null;
    }

    /** The message of one uncompressed envelope that is the whole body, or {@code null}. */
    private static byte[] unenvelope(byte[] body) {
        if (body.length < 5 || body[0] != 0) {
            return null;
        }
        int length = java.nio.ByteBuffer.wrap(body, 1, 4).getInt();
        return length == body.length - 5 ? java.util.Arrays.copyOfRange(body, 5, body.length) : null;
    }

    private boolean idempotent(ServiceKey key, String grpcMethod) {
        return catalog.metadata(key)
                .map(metadata -> metadata.methods().stream()
                        .anyMatch(method -> method.idempotent()
                                && !method.serverStream()
                                && method.streamParameter() < 0
                                && GrpcNames.method(method.name()).equals(grpcMethod)))
                .orElse(false);
    }

    private static String first(java.util.Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String stripPadding(String base64) {
        int end = base64.length();
        while (end > 0 && base64.charAt(end - 1) == '=') {
            end--;
        }
        return base64.substring(0, end);
    }

    /** The bytes of query parameter {@code name}, percent-decoded byte by byte (a binary message). */
    static byte[] rawParameter(String rawQuery, String name) {
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith(name + "=")) {
                String raw = pair.substring(name.length() + 1);
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(raw.length());
                for (int i = 0; i < raw.length(); i++) {
                    char c = raw.charAt(i);
                    if (c == '%' && i + 2 < raw.length()) {
                        out.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                        i += 2;
                    } else if (c == '%') {
                        throw new IllegalArgumentException("a '%' without two hex digits");
                    } else {
                        out.write(c == '+' ? ' ' : c);
                    }
                }
                return out.toByteArray();
            }
        }
        return new byte[0];
    }

    private static boolean matches(String value, String asked) {
        return asked == null || asked.equals(value == null ? "" : value);
    }

    /**
     * The {@code grpc-timeout} of the call: gRPC-Web's own, or Connect's {@code connect-timeout-ms} in
     * milliseconds; {@code null} for none.
     */
    static String timeout(HttpHeaders headers) {
        String grpc = headers.get("grpc-timeout");
        if (grpc != null) {
            if (!grpc.matches("[0-9]{1,8}[HMSmun]")) {
                throw new IllegalArgumentException("grpc-timeout is not a gRPC timeout: " + grpc);
            }
            return grpc;
        }
        String connect = headers.get("connect-timeout-ms");
        if (connect == null) {
            return null;
        }
        if (!connect.matches("[0-9]{1,10}")) {
            throw new IllegalArgumentException("connect-timeout-ms is not a number of milliseconds: " + connect);
        }
        long millis = Long.parseLong(connect);
        return millis < 100_000_000L ? millis + "m" : Math.min(millis / 1000, 99_999_999L) + "S";
    }
}
