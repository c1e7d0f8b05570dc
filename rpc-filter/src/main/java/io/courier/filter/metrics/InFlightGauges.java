package io.courier.filter.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application's {@code courier.rpc.in.flight} and {@code courier.stream.open} counters, one per
 * tag set. Micrometer keeps the first gauge registered under a name and tags and ignores later ones,
 * so two chains with the same tags (two references to one service with different options) must feed
 * one counter: otherwise the second chain's calls and streams would never show. A shared object of the application; thread-safe.
 */
final class InFlightGauges {

    private final MeterRegistry registry;
    private final ConcurrentMap<Tags, AtomicInteger> counters = new ConcurrentHashMap<>();
    private final ConcurrentMap<Tags, AtomicInteger> streams = new ConcurrentHashMap<>();

    InFlightGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The counter behind the gauge with {@code tags}, registering the gauge on first request. */
    AtomicInteger counter(Tags tags) {
        return counters.computeIfAbsent(tags, this::register);
    }

    /** The counter behind the {@code courier.stream.open} gauge with {@code tags}, registered on first request. */
    AtomicInteger openStreams(Tags tags) {
        return streams.computeIfAbsent(
                tags,
                key -> register(
                        "courier.stream.open",
                        "Streams open now: answered with a publisher, not yet completed, failed or cancelled",
                        key));
    }

    private AtomicInteger register(Tags tags) {
        return register("courier.rpc.in.flight", "Calls started and not yet complete", tags);
    }

    private AtomicInteger register(String name, String description, Tags tags) {
        AtomicInteger gauge = new AtomicInteger();
        Gauge.builder(name, gauge, AtomicInteger::get)
                .description(description)
                .tags(tags)
                .strongReference(true)
                .register(registry);
        return gauge;
    }
}
