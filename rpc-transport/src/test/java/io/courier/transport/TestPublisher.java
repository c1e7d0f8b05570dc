package io.courier.transport;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * A publisher that honours request-n exactly: emits {@code count} values made by {@code values}
 * (forever for a negative count) on the thread that requests, then completes or fails with {@code
 * failure}. Records what it was asked for and whether it was cancelled.
 */
final class TestPublisher<T> implements Flow.Publisher<T> {

    final AtomicLong requested = new AtomicLong();
    final AtomicLong emitted = new AtomicLong();
    final AtomicBoolean cancelled = new AtomicBoolean();
    private final long count;
    private final LongFunction<T> values;
    private final RuntimeException failure;
    private final boolean silent;

    TestPublisher(long count, LongFunction<T> values, RuntimeException failure) {
        this(count, values, failure, false);
    }

    private TestPublisher(long count, LongFunction<T> values, RuntimeException failure, boolean silent) {
        this.count = count;
        this.values = values;
        this.failure = failure;
        this.silent = silent;
    }

    /** A publisher that records requests and cancellation and never emits anything. */
    static TestPublisher<Long> silent() {
        return new TestPublisher<>(-1, i -> i, null, true);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        subscriber.onSubscribe(new Flow.Subscription() {
            private final AtomicLong demand = new AtomicLong();
            private final AtomicInteger wip = new AtomicInteger();
            private long next;
            private boolean done;

            @Override
            public void request(long n) {
                requested.addAndGet(n);
                demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                drain();
            }

            @Override
            public void cancel() {
                cancelled.set(true);
            }

            private void drain() {
                if (silent || wip.getAndIncrement() != 0) {
                    return;
                }
                int missed = 1;
                do {
                    while (!done && !cancelled.get() && (count < 0 || next < count) && demand.get() > 0) {
                        demand.decrementAndGet();
                        emitted.incrementAndGet();
                        subscriber.onNext(values.apply(next++));
                    }
                    if (!done && !cancelled.get() && count >= 0 && next == count) {
                        done = true;
                        if (failure == null) {
                            subscriber.onComplete();
                        } else {
                            subscriber.onError(failure);
                        }
                    }
                    missed = wip.addAndGet(-missed);
                } while (missed != 0);
            }
        });
    }
}
