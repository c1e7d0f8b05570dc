package io.courier.filter.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application's {@code courier.rpc.in.flight} counters, one per tag set. Micrometer keeps the
 * first gauge registered under a name and tags and ignores later ones, so two chains with the same
 * tags (two references to one service with different options) must feed one counter: otherwise the
 * second chain's calls would never show. A shared object of the application; thread-safe.
 */
final class InFlightGauges {

    private final MeterRegistry registry;
    private final ConcurrentMap<Tags, AtomicInteger> counters = new ConcurrentHashMap<>();

    InFlightGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The counter behind the gauge with {@code tags}, registering the gauge on first request. */
    AtomicInteger counter(Tags tags) {
        return counters.computeIfAbsent(tags, this::register);
    }

    private AtomicInteger register(Tags tags) {
        AtomicInteger inFlight = new AtomicInteger();
        Gauge.builder("courier.rpc.in.flight", inFlight, AtomicInteger::get)
                .description("Calls started and not yet complete")
                .tags(tags)
                .strongReference(true)
                .register(registry);
        return inFlight;
    }
}
