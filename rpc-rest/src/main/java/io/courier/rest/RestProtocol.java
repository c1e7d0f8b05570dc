package io.courier.rest;

import io.courier.rest.internal.BodyLimit;
import io.courier.rest.internal.PublishedRoutes;
import io.courier.rest.internal.RequestDeadline;
import io.courier.rest.internal.RestCallHandler;
import io.courier.rest.internal.RestRouter;
import io.courier.transport.Detection;
import io.courier.transport.PortConnection;
import io.courier.transport.PortProtocol;
import io.courier.transport.ServiceExport;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpServerCodec;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * REST on a provider's port: a connection whose first bytes are an HTTP/1.1 request line of {@code
 * GET}, {@code POST}, {@code PUT}, {@code DELETE}, {@code PATCH}, {@code HEAD} or {@code OPTIONS}
 * is served as HTTP/1.1, each request routed by the JAX-RS annotations of the exported interfaces
 * ({@code io.courier.rest.internal.RestMapping}) and run on Courier's provider path like Courier's own
 * calls (executor and its limits, filters, tracing, deadline, graceful close). A service whose mapping
 * is wrong is refused when it is exported. See {@code docs/rest.md}.
 */
public final class RestProtocol implements PortProtocol {

    /** The default largest body, {@code courier.rest.max-body-bytes}. */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    /** The longest request line read (a longer one is answered 414). */
    static final int MAX_LINE_BYTES = 4096;

    /** The most header bytes read (more, a header flood, is answered 431). */
    static final int MAX_HEADER_BYTES = 8192;

    private static final byte[][] REQUEST_LINES = {
        ascii("GET "),
        ascii("POST "),
        ascii("PUT "),
        ascii("DELETE "),
        ascii("PATCH "),
        ascii("HEAD "),
        ascii("OPTIONS ")
    };

    /** The default time a request may take to arrive whole, {@code courier.rest.request-deadline-millis}. */
    public static final long DEFAULT_REQUEST_DEADLINE_MILLIS = 10_000;

    private final int maxBodyBytes;
    private final long requestDeadlineMillis;
    private final RestRouter router = new RestRouter();

    /**
     * @param maxBodyBytes the largest body read
     * @param requestDeadlineMillis how long a request may take to arrive whole from its first byte
     */
    public RestProtocol(int maxBodyBytes, long requestDeadlineMillis) {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes: " + maxBodyBytes + " (expected: > 0)");
        }
        if (requestDeadlineMillis <= 0) {
            throw new IllegalArgumentException("requestDeadlineMillis: " + requestDeadlineMillis + " (expected: > 0)");
        }
        this.maxBodyBytes = maxBodyBytes;
        this.requestDeadlineMillis = requestDeadlineMillis;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String name() {
        return "rest";
    }

    @Override
    public Detection detect(ByteBuf firstBytes) {
        Detection best = Detection.NO_MATCH;
        for (byte[] line : REQUEST_LINES) {
            Detection detection = Detection.ofPreface(firstBytes, line);
            if (detection == Detection.MATCH) {
                return detection;
            }
            if (detection == Detection.NEED_MORE) {
                best = detection;
            }
        }
        return best;
    }

    /** Maps the service's REST routes, refusing a mapping that cannot be served. */
    @Override
    public void check(ServiceExport service) {
        router.add(service.key(), service.descriptor());
    }

    /** The service's routes, for callers without its classes: the gateway routes REST paths by them. */
    @Override
    public Map<String, String> registryMetadata(ServiceExport service) {
        String routes = PublishedRoutes.of(router, service.key());
        return routes.isEmpty() ? Map.of() : Map.of(PublishedRoutes.METADATA_KEY, routes);
    }

    @Override
    public void serve(PortConnection connection) {
        RestCallHandler calls = new RestCallHandler(connection, router);
        connection
                .pipeline()
                .addLast("rest-deadline", new RequestDeadline(requestDeadlineMillis))
                .addLast("rest-http", new HttpServerCodec(MAX_LINE_BYTES, MAX_HEADER_BYTES, 8192))
                .addLast("rest-body", new BodyLimit(maxBodyBytes))
                .addLast("rest-calls", calls);
        connection.onGoAway(calls::goAway);
    }
}
