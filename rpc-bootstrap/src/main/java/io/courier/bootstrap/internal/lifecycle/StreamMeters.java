package io.courier.bootstrap.internal.lifecycle;

import io.courier.transport.StreamStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * The transport's stream totals of one side of the application as meters: {@code
 * courier.transport.stream.open}, and {@code courier.transport.stream.messages} and {@code
 * courier.transport.stream.bytes} by {@code direction} (sent, received), tagged with {@code side}.
 * Bound once per side and registry: every reference of an application shares one client transport,
 * so the second reference finds the meters there and leaves them (registering again would only make
 * Micrometer warn that it ignores the duplicate). The registry holds {@code stats} weakly, so the
 * meters stop reporting when the transport goes.
 */
public final class StreamMeters {

    private static final String OPEN = "courier.transport.stream.open";

    private StreamMeters() {}

    public static void bind(MeterRegistry registry, String side, StreamStats stats) {
        // Locked on the registry so two references exported at once cannot both see it missing.
        synchronized (registry) {
            if (registry.find(OPEN).tag("side", side).gauge() == null) {
                register(registry, side, stats);
            }
        }
    }

    private static void register(MeterRegistry registry, String side, StreamStats stats) {
        Gauge.builder(OPEN, stats, StreamStats::openStreams)
                .description("Streams open now on the side's connections")
                .tag("side", side)
                .register(registry);
        counter(registry, side, "messages", "sent", "Stream messages", stats, StreamStats::messagesSent);
        counter(registry, side, "messages", "received", "Stream messages", stats, StreamStats::messagesReceived);
        counter(registry, side, "bytes", "sent", "Stream message payload bytes", stats, StreamStats::bytesSent);
        counter(registry, side, "bytes", "received", "Stream message payload bytes", stats, StreamStats::bytesReceived);
    }

    private static void counter(
            MeterRegistry registry,
            String side,
            String what,
            String direction,
            String description,
            StreamStats stats,
            ToDoubleFunction<StreamStats> total) {
        FunctionCounter.builder("courier.transport.stream." + what, stats, total)
                .description(description + " " + direction + " on the side's connections")
                .tag("side", side)
                .tag("direction", direction)
                .register(registry);
    }
}
