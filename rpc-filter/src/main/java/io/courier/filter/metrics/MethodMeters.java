package io.courier.filter.metrics;

import io.courier.api.ErrorCode;
import io.courier.api.RpcResult;
import io.courier.api.filter.StreamWatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The meters of one method on one side, registered when the chain is bound; error and rejection
 * counters are registered on their first occurrence, then found by array index, never by a map
 * lookup on the call path.
 */
final class MethodMeters {

    private static final int BUSINESS_INDEX = ErrorCode.values().length;

    private final MeterRegistry registry;
    private final Tags tags;
    private final Counter calls;
    private final Timer duration;
    private final AtomicInteger inFlight;
    private final AtomicReferenceArray<Counter> errors = new AtomicReferenceArray<>(BUSINESS_INDEX + 1);
    private final AtomicReferenceArray<Counter> rejections = new AtomicReferenceArray<>(Outcomes.REASONS.length);
    /** Streams of the method open now; {@code null} unless the method is a stream. */
    private final AtomicInteger openStreams;
    /** Messages of the method's streams; {@code null} unless the method is a stream. */
    private final Counter streamMessages;

    MethodMeters(
            MeterRegistry registry, Tags tags, MetricsOptions options, InFlightGauges inFlightGauges, boolean stream) {
        this.registry = registry;
        this.tags = tags;
        this.calls = Counter.builder("courier.rpc.calls")
                .description("Calls started")
                .tags(tags)
                .register(registry);
        Timer.Builder timer = Timer.builder("courier.rpc.duration")
                .description("Call latency, from entering the chain to the outcome")
                .tags(tags)
                .publishPercentileHistogram(options.histogram());
        if (!options.percentiles().isEmpty()) {
            timer.publishPercentiles(options.percentiles().stream()
                    .mapToDouble(Double::doubleValue)
                    .toArray());
        }
        this.duration = timer.register(registry);
        this.inFlight = inFlightGauges.counter(tags);
        if (stream) {
            this.openStreams = inFlightGauges.openStreams(tags);
            this.streamMessages = Counter.builder("courier.stream.messages")
                    .description("Stream messages the stream's publisher delivered: received on the consumer, sent on"
                            + " the provider")
                    .tags(tags)
                    .register(registry);
        } else {
            this.openStreams = null;
            this.streamMessages = null;
        }
    }

    /** A stream opened: counted open until the returned watch sees it end. */
    StreamWatch streamOpened() {
        openStreams.incrementAndGet();
        return new StreamWatch() {
            @Override
            public void onMessage() {
                streamMessages.increment();
            }

            @Override
            public void onEnd(long messages, Throwable failure, boolean cancelled) {
                openStreams.decrementAndGet();
            }
        };
    }

    void start() {
        calls.increment();
        inFlight.incrementAndGet();
    }

    void finish(long durationNanos, RpcResult result, Throwable failure) {
        inFlight.decrementAndGet();
        duration.record(durationNanos, TimeUnit.NANOSECONDS);
        if (failure != null) {
            int reason = Outcomes.reasonIndex(failure);
            if (reason >= 0) {
                rejection(reason).increment();
            }
            if (!Outcomes.byLimit(reason)) {
                ErrorCode code = Outcomes.code(failure);
                error(code.ordinal(), code.name()).increment();
            }
        } else if (result != null && result.hasException()) {
            error(BUSINESS_INDEX, Outcomes.BUSINESS).increment();
        }
    }

    private Counter error(int index, String code) {
        Counter counter = errors.get(index);
        if (counter == null) {
            // Two threads may both register: the registry returns the same counter to both.
            counter = Counter.builder("courier.rpc.errors")
                    .description(
                            "Calls that failed, by error code (BUSINESS: the implementation threw); refusals by a limit are"
                                    + " counted in courier.rpc.rejections only")
                    .tags(tags)
                    .tag("code", code)
                    .register(registry);
            errors.set(index, counter);
        }
        return counter;
    }

    private Counter rejection(int index) {
        Counter counter = rejections.get(index);
        if (counter == null) {
            counter = Counter.builder("courier.rpc.rejections")
                    .description("Calls refused before they ran, by reason")
                    .tags(tags)
                    .tag("reason", Outcomes.REASONS[index])
                    .register(registry);
            rejections.set(index, counter);
        }
        return counter;
    }
}
