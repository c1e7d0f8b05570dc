package io.courier.events.nats;

import io.courier.api.event.Event;
import io.courier.api.event.EventHandler;
import io.courier.api.event.SubscriptionOptions;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.events.core.Attempts;
import io.courier.events.core.EventEnvelope;
import io.courier.events.core.EventSpans;
import io.courier.events.core.PayloadReader;
import io.courier.events.core.SubscriptionCounts;
import io.courier.events.core.UnreadableEventException;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * What one subscription does with each message JetStream hands it, on the member's thread: read it
 * under the allow-list, make the handler's attempts, then acknowledge it, or store it on the
 * dead-letter topic and acknowledge it then. While the handler runs or waits to retry, the member
 * renews the message's {@code AckWait} ({@code inProgress}, see {@link #renewing}), so no other member
 * gets it meanwhile: that, with one unacknowledged event per partition and group, is what keeps order
 * per key. Thread-safe.
 */
final class Handling<E> {

    private final SubscriptionOptions<E> options;
    private final Attempts<E> attempts;
    private final EventEnvelope envelope;
    /** One per member thread: a reader remembers what repeats from event to event. */
    private final ThreadLocal<PayloadReader<E>> payloads;

    private final DeadLetters deadLetters;
    private final ScheduledExecutorService timer;
    private final NatsSettings settings;

    Handling(
            SubscriptionOptions<E> options,
            EventHandler<E> handler,
            EventEnvelope envelope,
            DeadLetters deadLetters,
            EventSpans spans,
            ScheduledExecutorService timer,
            NatsSettings settings) {
        this.options = options;
        this.attempts = new Attempts<>(options, handler, spans);
        this.envelope = envelope;
        DeserializationPolicy policy = EventEnvelope.policyFor(options.eventType());
        this.payloads = ThreadLocal.withInitial(() -> new PayloadReader<>(options.eventType(), policy));
        this.deadLetters = deadLetters;
        this.timer = timer;
        this.settings = settings;
    }

    SubscriptionCounts counts() {
        return attempts.counts();
    }

    /**
     * Handles {@code message} to its acknowledgement, unless {@code stopping} says this member hands it
     * back: after a second when closing (to another member), after {@code AckWait} when paused. Each
     * hand-back is a delivery JetStream counts against {@code MaxDeliver}; the short pull requests make
     * it one per partition.
     */
    void handle(Message message, BooleanSupplier stopping, BooleanSupplier closing) throws InterruptedException {
        if (stopping.getAsBoolean()) {
            message.nakWithDelay(closing.getAsBoolean() ? Duration.ofSeconds(1) : settings.ackWait());
            return;
        }
        Event<E> event;
        try {
            Headers headers = message.getHeaders();
            event = envelope.read(
                    name -> headers == null ? null : headers.getLast(name),
                    message.getData(),
                    payloads.get(),
                    new Event.Position(
                            options.topic(),
                            NatsNames.partitionOf(message.getSubject()),
                            message.metaData().streamSequence()));
        } catch (UnreadableEventException e) {
            deadLetter(message, 0, "unreadable: " + e.getMessage(), true, stopping);
            return;
        }
        long delivered = message.metaData().deliveredCount();
        if (delivered >= settings.maxDeliver()) {
            deadLetter(message, 0, "delivered " + delivered + " times without acknowledgement", false, stopping);
            return;
        }
        Attempts.Outcome outcome = attempts.run(event, () -> {});
        if (outcome.handled()) {
            message.ack();
        } else {
            deadLetter(message, outcome.attempts(), outcome.reason(), false, stopping);
        }
    }

    /**
     * Runs {@code renew} every third of {@code AckWait}, until cancelled: what keeps the messages a
     * member holds, waiting or in hand, from being redelivered. A member's one task rather than one per
     * event: a timer task per event, cancelled after a handler of microseconds, cost the consuming
     * threads a lock and a queue entry each, and stayed in the timer's queue until its time.
     */
    ScheduledFuture<?> renewing(Runnable renew) {
        long renewal = Math.max(1, settings.ackWait().dividedBy(3).toMillis());
        return timer.scheduleAtFixedRate(renew, renewal, renewal, TimeUnit.MILLISECONDS);
    }

    private void deadLetter(Message message, int attempts, String reason, boolean unread, BooleanSupplier stopping)
            throws InterruptedException {
        // acknowledged only once its dead letter is stored: a stop before leaves it to be delivered again
        if (deadLetters.write(message, options, attempts, reason, stopping)) {
            message.ack();
            this.attempts.counts().deadLettered(unread);
        }
    }
}
