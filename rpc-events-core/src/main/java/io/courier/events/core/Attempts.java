package io.courier.events.core;

import io.courier.api.event.Event;
import io.courier.api.event.EventHandler;
import io.courier.api.event.SubscriptionOptions;
import io.courier.api.event.UnprocessableEventException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription's attempts at one event (docs/events.md, "Retries, dead letters and poison
 * events"): the handler is called in a CONSUMER span, again after the backoff when it throws, up to
 * {@code maxAttempts}; an {@link UnprocessableEventException} ends the attempts at once. The caller
 * acknowledges the event on success and dead-letters it otherwise. Thread-safe.
 *
 * @param <E> the event type
 */
public final class Attempts<E> {

    private static final Logger log = LoggerFactory.getLogger(Attempts.class);

    private final SubscriptionOptions<E> options;
    private final EventHandler<E> handler;
    private final EventSpans spans;
    private final SubscriptionCounts counts = new SubscriptionCounts();

    public Attempts(SubscriptionOptions<E> options, EventHandler<E> handler, EventSpans spans) {
        this.options = options;
        this.handler = handler;
        this.spans = spans;
    }

    /** The subscription's counts: the handled events and retried attempts are counted here. */
    public SubscriptionCounts counts() {
        return counts;
    }

    /** How the attempts ended: {@code failure} null when the handler succeeded, after {@code attempts} calls. */
    public record Outcome(int attempts, Throwable failure) {

        /** Whether the handler returned normally. */
        public boolean handled() {
            return failure == null;
        }

        /** The dead letter's reason: the last failure's class and message. */
        public String reason() {
            return failure.getClass().getName() + ": " + failure.getMessage();
        }
    }

    /**
     * Calls the handler until it succeeds, gives up, or attempts run out; {@code beforeWait} runs before
     * each backoff (a broker renews its lease on the event there).
     *
     * @throws InterruptedException if interrupted during a backoff
     */
    public Outcome run(Event<E> event, Runnable beforeWait) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Throwable failure = call(attempt == event.attempt() ? event : event.withAttempt(attempt));
            if (failure == null) {
                counts.handled();
                return new Outcome(attempt, null);
            }
            if (failure instanceof UnprocessableEventException || attempt >= options.maxAttempts()) {
                return new Outcome(attempt, failure);
            }
            counts.retried();
            log.debug("event {} of {} failed attempt {}, retrying", event.id(), options.topic(), attempt, failure);
            beforeWait.run();
            Thread.sleep(options.backoffAfter(attempt).toMillis());
        }
    }

    private Throwable call(Event<E> event) {
        Span span = spans.handling(options.topic(), options.group(), event.traceContext());
        Throwable failure = null;
        // an invalid span (no tracer, no parent) made current would change nothing the handler can see:
        // the consuming thread's context is the root one between handlers
        try (Scope scope = span.getSpanContext().isValid() ? span.makeCurrent() : Scope.noop()) {
            handler.handle(event);
        } catch (Exception | LinkageError | AssertionError e) {
            failure = e;
        } finally {
            EventSpans.end(span, failure);
        }
        return failure;
    }
}
