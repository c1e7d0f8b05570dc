package io.courier.events.nats;

import io.courier.api.event.Event;
import io.courier.api.event.EventHandler;
import io.courier.api.event.SubscriptionOptions;
import io.courier.api.event.UnprocessableEventException;
import io.courier.api.serialization.DeserializationPolicy;
import io.nats.client.Message;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one subscription does with each message JetStream hands it, on the member's dispatcher thread:
 * read it under the allow-list, call the handler up to {@code maxAttempts} times with the backoff,
 * then acknowledge it, or store it on the dead-letter topic and acknowledge it then. While the
 * handler runs or waits to retry, the message's {@code AckWait} is renewed ({@code inProgress}), so
 * no other member gets it meanwhile: that, with one unacknowledged event per partition and group,
 * is what keeps order per key. Thread-safe (members share it).
 */
final class Handling<E> {

    private static final Logger log = LoggerFactory.getLogger(Handling.class);

    private final SubscriptionOptions<E> options;
    private final EventHandler<E> handler;
    private final NatsEnvelope envelope;
    private final DeserializationPolicy policy;
    private final DeadLetters deadLetters;
    private final NatsTracing tracing;
    private final ScheduledExecutorService timer;
    private final NatsSettings settings;

    Handling(
            SubscriptionOptions<E> options,
            EventHandler<E> handler,
            NatsEnvelope envelope,
            DeadLetters deadLetters,
            NatsTracing tracing,
            ScheduledExecutorService timer,
            NatsSettings settings) {
        this.options = options;
        this.handler = handler;
        this.envelope = envelope;
        this.policy = NatsEnvelope.policyFor(options.eventType());
        this.deadLetters = deadLetters;
        this.tracing = tracing;
        this.timer = timer;
        this.settings = settings;
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
            event = envelope.read(message, options.topic(), options.eventType(), policy);
        } catch (NatsEnvelope.UnreadableEventException e) {
            deadLetter(message, 0, "unreadable: " + e.getMessage(), stopping);
            return;
        }
        long delivered = message.metaData().deliveredCount();
        if (delivered >= settings.maxDeliver()) {
            deadLetter(message, 0, "delivered " + delivered + " times without acknowledgement", stopping);
            return;
        }
        Duration renewal = settings.ackWait().dividedBy(2);
        ScheduledFuture<?> renewing = timer.scheduleAtFixedRate(
                message::inProgress, renewal.toMillis(), renewal.toMillis(), TimeUnit.MILLISECONDS);
        try {
            attempt(message, event, stopping);
        } finally {
            renewing.cancel(false);
        }
    }

    private void attempt(Message message, Event<E> event, BooleanSupplier stopping) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Throwable failure = call(event.withAttempt(attempt));
            if (failure == null) {
                message.ack();
                return;
            }
            if (failure instanceof UnprocessableEventException || attempt >= options.maxAttempts()) {
                deadLetter(message, attempt, failure.getClass().getName() + ": " + failure.getMessage(), stopping);
                return;
            }
            log.debug("event {} of {} failed attempt {}, retrying", event.id(), options.topic(), attempt, failure);
            Thread.sleep(options.backoffAfter(attempt).toMillis());
        }
    }

    /** Calls the handler in the CONSUMER span; returns what it threw, or null. */
    private Throwable call(Event<E> event) {
        Span span = tracing.handling(options.topic(), options.group(), event.traceContext());
        Throwable failure = null;
        try (Scope scope = span.makeCurrent()) {
            handler.handle(event);
        } catch (Exception | LinkageError | AssertionError e) {
            failure = e;
        } finally {
            NatsTracing.end(span, failure);
        }
        return failure;
    }

    private void deadLetter(Message message, int attempts, String reason, BooleanSupplier stopping)
            throws InterruptedException {
        // the event is acknowledged only once its dead letter is stored: a stop before leaves it to be delivered again
        if (deadLetters.write(message, options, attempts, reason, stopping)) {
            message.ack();
        }
    }
}
