package io.courier.api.event;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How one subscription reads one topic: its consumer group, how many threads handle it, how often
 * and how patiently a failing event is retried, and where it goes then. Immutable; built with
 * {@link #builder(String, String, Class)}.
 *
 * @param topic the topic to read
 * @param group the consumer group: every subscription with one group shares the topic's
 *     partitions, each event goes to one of them; subscriptions with different groups each get
 *     every event
 * @param eventType the class the payload is read as; it and the classes its fields reach are the
 *     only classes reading may build (the strict allow-list)
 * @param concurrency how many consumers (threads) of the group this subscription runs, 1 to 64;
 *     more than the topic has partitions leaves some idle
 * @param maxAttempts how many times an event is handed to the handler before it is dead-lettered,
 *     1 to 100
 * @param initialBackoff the wait before the second attempt; each later wait doubles, up to {@code
 *     maxBackoff}
 * @param maxBackoff the longest wait between two attempts
 * @param deadLetterTopic where events go after the last attempt (and undecodable ones at once)
 * @param startFrom where a group with no committed offset starts
 * @param <E> the event type
 */
public record SubscriptionOptions<E>(
        String topic,
        String group,
        Class<E> eventType,
        int concurrency,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        String deadLetterTopic,
        StartFrom startFrom) {

    /** Topic and group names: what Kafka allows (letters, digits, '.', '_', '-'), 1 to 200 characters. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    /** The suffix of a topic's default dead-letter topic. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    public SubscriptionOptions {
        checkName("topic", topic);
        checkName("group", group);
        Objects.requireNonNull(eventType, "eventType");
        if (concurrency < 1 || concurrency > 64) {
            throw new IllegalArgumentException("concurrency: " + concurrency + " (expected: 1 to 64)");
        }
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts: " + maxAttempts + " (expected: 1 to 100)");
        }
        checkBackoff("initialBackoff", initialBackoff);
        checkBackoff("maxBackoff", maxBackoff);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff: " + maxBackoff + " (expected: >= initialBackoff " + initialBackoff + ")");
        }
        checkName("deadLetterTopic", deadLetterTopic);
        if (deadLetterTopic.equals(topic)) {
            throw new IllegalArgumentException(
                    "deadLetterTopic: '" + deadLetterTopic + "' (expected: a topic other than the one read)");
        }
        Objects.requireNonNull(startFrom, "startFrom");
    }

    /**
     * A builder with the defaults: one consumer, 3 attempts, backoff 100 ms doubling to 2 s, dead
     * letters to {@code <topic>.dlt}, a new group starting from the earliest event.
     */
    public static <E> Builder<E> builder(String topic, String group, Class<E> eventType) {
        return new Builder<>(topic, group, eventType);
    }

    /** The wait before attempt {@code attempt + 1}, after attempt {@code attempt} (from 1) failed. */
    public Duration backoffAfter(int attempt) {
        long millis = initialBackoff.toMillis();
        for (int i = 1; i < attempt && millis < maxBackoff.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    static void checkName(String what, String name) {
        Objects.requireNonNull(name, what);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    what + ": '" + name + "' (expected: 1 to 200 of letters, digits, '.', '_', '-')");
        }
    }

    private static void checkBackoff(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException(what + ": " + value + " (expected: 0 to 5 minutes)");
        }
    }

    /** Where a consumer group with no committed offset starts reading. */
    public enum StartFrom {
        /** The oldest event the broker still keeps. */
        EARLIEST,
        /** Events published after the group first joined. */
        LATEST
    }

    /** Builds {@link SubscriptionOptions}. Not thread-safe. */
    public static final class Builder<E> {
        private final String topic;
        private final String group;
        private final Class<E> eventType;
        private int concurrency = 1;
        private int maxAttempts = 3;
        private Duration initialBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(2);
        private String deadLetterTopic;
        private StartFrom startFrom = StartFrom.EARLIEST;

        private Builder(String topic, String group, Class<E> eventType) {
            this.topic = topic;
            this.group = group;
            this.eventType = eventType;
        }

        /** {@link SubscriptionOptions#concurrency()}. */
        public Builder<E> concurrency(int concurrency) {
            this.concurrency = concurrency;
            return this;
        }

        /** {@link SubscriptionOptions#maxAttempts()}. */
        public Builder<E> maxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        /** {@link SubscriptionOptions#initialBackoff()} and {@link SubscriptionOptions#maxBackoff()}. */
        public Builder<E> backoff(Duration initial, Duration max) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /** {@link SubscriptionOptions#deadLetterTopic()}; by default {@code <topic>.dlt}. */
        public Builder<E> deadLetterTopic(String deadLetterTopic) {
            this.deadLetterTopic = deadLetterTopic;
            return this;
        }

        /** {@link SubscriptionOptions#startFrom()}. */
        public Builder<E> startFrom(StartFrom startFrom) {
            this.startFrom = startFrom;
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException naming the value and the expectation if one is out of range
         */
        public SubscriptionOptions<E> build() {
            String dlt = deadLetterTopic != null ? deadLetterTopic : topic + DEAD_LETTER_SUFFIX;
            return new SubscriptionOptions<>(
                    topic, group, eventType, concurrency, maxAttempts, initialBackoff, maxBackoff, dlt, startFrom);
        }
    }
}
