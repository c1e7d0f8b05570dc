package io.courier.api.filter;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A publisher that tells a {@link StreamWatch} about the messages and the end of the stream of the
 * publisher it wraps, and passes everything else through unchanged. The end is reported once per
 * watched publisher, whoever ends first (the publisher's {@code onComplete} or {@code onError}, or
 * the subscriber's {@code cancel}). Thread-safe.
 */
final class WatchedPublisher<T> implements Flow.Publisher<T> {

    private final Flow.Publisher<T> publisher;
    private final StreamWatch watch;
    private final AtomicBoolean ended = new AtomicBoolean();
    /** Written by the serial {@code onNext}s, read once at the end. */
    private volatile long messages;

    WatchedPublisher(Flow.Publisher<T> publisher, StreamWatch watch) {
        this.publisher = publisher;
        this.watch = watch;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        publisher.subscribe(new Watched(subscriber));
    }

    private void message() {
        messages++;
        try {
            watch.onMessage();
        } catch (RuntimeException ignored) {
            // A watch must not break the stream it watches.
        }
    }

    private void end(Throwable failure, boolean cancelled) {
        if (ended.compareAndSet(false, true)) {
            try {
                watch.onEnd(messages, failure, cancelled);
            } catch (RuntimeException ignored) {
                // As above.
            }
        }
    }

    /** The subscriber's side: its signals, and its subscription's cancel. */
    private final class Watched implements Flow.Subscriber<T>, Flow.Subscription {

        private final Flow.Subscriber<? super T> subscriber;
        private volatile Flow.Subscription subscription;

        Watched(Flow.Subscriber<? super T> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void onSubscribe(Flow.Subscription given) {
            subscription = given;
            subscriber.onSubscribe(this);
        }

        @Override
        public void onNext(T item) {
            message();
            subscriber.onNext(item);
        }

        @Override
        public void onError(Throwable failure) {
            end(failure, false);
            subscriber.onError(failure);
        }

        @Override
        public void onComplete() {
            end(null, false);
            subscriber.onComplete();
        }

        @Override
        public void request(long n) {
            subscription.request(n);
        }

        @Override
        public void cancel() {
            end(null, true);
            subscription.cancel();
        }
    }
}
