package io.courier.observability;

import io.courier.api.Endpoint;
import io.courier.api.ReferenceOptions;
import io.courier.bootstrap.Courier;
import io.courier.observability.fixtures.BackService;
import io.opentelemetry.api.trace.Span;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run {@link JsonLogsTest} reads, in a JVM of its own with the images' logback configuration: a
 * provider and a consumer tracing to the OTLP endpoint in {@code args[0]}; the provider logs each
 * call it serves, and a failed one with its exception. Prints nothing itself: every line is logback's.
 */
public final class JsonLogRun {

    private static final Logger log = LoggerFactory.getLogger(JsonLogRun.class);

    private JsonLogRun() {}

    /** Logs inside the server span, so that the MDC has the call's trace. */
    static final class LoggingBack implements BackService {
        @Override
        public String traceId(String order) {
            log.info("serving order {}", order);
            if (order.equals("broken")) {
                log.warn("order refused", new IllegalStateException("no such item: " + order));
            }
            return Span.current().getSpanContext().getTraceId();
        }
    }

    public static void main(String[] args) {
        try (Courier provider = traced(args[0]).export(new LoggingBack()).start();
                Courier consumer = traced(args[0]).start()) {
            BackService back = consumer.reference(
                    BackService.class,
                    ReferenceOptions.builder()
                            .directEndpoints(List.of(Endpoint.of("127.0.0.1", provider.port())))
                            .build());
            for (String order : List.of("tea", "broken", "cake")) {
                log.info("order {} was served in trace {}", order, back.traceId(order));
            }
        }
    }

    private static io.courier.bootstrap.CourierBuilder traced(String endpoint) {
        return Courier.builder()
                .shutdownHook(false)
                .host("127.0.0.1")
                .port(0)
                .property(TracingKeys.EXPORTER.name(), "otlp")
                .property(TracingKeys.ENDPOINT.name(), endpoint);
    }
}
