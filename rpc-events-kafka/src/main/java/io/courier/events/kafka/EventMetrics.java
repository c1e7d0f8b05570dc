package io.courier.events.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.TopicPartition;

/**
 * The meters of one broker, in the registry it was given (Micrometer's global registry by default):
 *
 * <pre>
 * courier.events.published        counter  topic, outcome=acknowledged|failed
 * courier.events.publish.latency  timer    topic: from publish to the broker's acknowledgement
 * courier.events.handled          counter  topic, group, outcome=handled|retried|dead-lettered|unreadable
 * courier.events.handle.duration  timer    topic, group: one handler call
 * courier.events.lag              gauge    topic, group, partition: events after the member's position,
 *                                          while the member holds the partition
 * </pre>
 *
 * Thread-safe.
 */
final class EventMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lags = new ConcurrentHashMap<>();
    private final Map<String, Gauge> lagGauges = new ConcurrentHashMap<>();

    EventMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The meters of publishing to {@code topic}. */
    Publishing publishing(String topic) {
        return new Publishing(
                registry.counter("courier.events.published", Tags.of("topic", topic, "outcome", "acknowledged")),
                registry.counter("courier.events.published", Tags.of("topic", topic, "outcome", "failed")),
                registry.timer("courier.events.publish.latency", Tags.of("topic", topic)));
    }

    /** The meters of handling {@code topic} in {@code group}. */
    Handling handling(String topic, String group) {
        return new Handling(
                outcome(topic, group, "handled"),
                outcome(topic, group, "retried"),
                outcome(topic, group, "dead-lettered"),
                outcome(topic, group, "unreadable"),
                registry.timer("courier.events.handle.duration", Tags.of("topic", topic, "group", group)));
    }

    private Counter outcome(String topic, String group, String outcome) {
        return registry.counter("courier.events.handled", Tags.of("topic", topic, "group", group, "outcome", outcome));
    }

    /** Sets the lag of {@code partition} in {@code group}, registering its gauge on first use. */
    void lag(String group, TopicPartition partition, long lag) {
        lags.computeIfAbsent(group + "/" + partition, key -> {
                    AtomicLong value = new AtomicLong();
                    Gauge gauge = Gauge.builder("courier.events.lag", value, AtomicLong::get)
                            .tags(Tags.of(
                                    "topic",
                                    partition.topic(),
                                    "group",
                                    group,
                                    "partition",
                                    Integer.toString(partition.partition())))
                            .register(registry);
                    lagGauges.put(key, gauge);
                    return value;
                })
                .set(lag);
    }

    /**
     * Removes the lag gauge of {@code partition} in {@code group}: the member gave the partition up,
     * and its new owner (in this process or another) reports it, so a stale value is not summed with it.
     */
    void forgetLag(String group, TopicPartition partition) {
        String key = group + "/" + partition;
        lags.remove(key);
        Gauge gauge = lagGauges.remove(key);
        if (gauge != null) {
            registry.remove(gauge);
        }
    }

    /** The publishing meters of one topic. */
    record Publishing(Counter acknowledged, Counter failed, Timer latency) {
        void record(long startNanos, boolean ok) {
            if (ok) {
                acknowledged.increment();
                latency.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
            } else {
                failed.increment();
            }
        }
    }

    /** The handling meters of one topic and group. */
    record Handling(Counter handled, Counter retried, Counter deadLettered, Counter unreadable, Timer duration) {
        void time(long startNanos) {
            duration.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        }
    }
}
