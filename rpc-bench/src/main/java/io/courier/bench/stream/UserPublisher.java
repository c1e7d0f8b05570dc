package io.courier.bench.stream;

import io.courier.bench.workload.SyntheticUserService;
import io.courier.bench.workload.User;
import java.time.LocalDateTime;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cold publisher of users {@code 0 .. count-1}: each subscriber gets its own sequence, built one user at a time
 * while it has demand, on the thread that requested (the stream's credit arriving), so nothing is produced or held
 * ahead of the subscriber: the counterpart of gRPC's {@code isReady()} loop in {@code UserStream}. The emission loop
 * is serialized by a work-in-progress counter, as Reactive Streams' rule 1.3 asks.
 */
final class UserPublisher implements Flow.Publisher<User> {

    private final int count;

    UserPublisher(int count) {
        this.count = count;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super User> subscriber) {
        Emission emission = new Emission(subscriber, count);
        subscriber.onSubscribe(emission);
        emission.drain();
    }

    private static final class Emission implements Flow.Subscription {

        private final Flow.Subscriber<? super User> subscriber;
        private final int count;
        private final LocalDateTime createTime = LocalDateTime.now();
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger work = new AtomicInteger();
        private volatile boolean cancelled;
        /** Only the thread in {@link #drain} touches it. */
        private int next;

        Emission(Flow.Subscriber<? super User> subscriber, int count) {
            this.subscriber = subscriber;
            this.count = count;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancelled = true;
                subscriber.onError(new IllegalArgumentException("request: " + n + " (expected: > 0)"));
                return;
            }
            demand.getAndAccumulate(n, (current, more) -> current + more < 0 ? Long.MAX_VALUE : current + more);
            drain();
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        void drain() {
            if (work.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                long granted = demand.get();
                long sent = 0;
                while (sent < granted && next < count && !cancelled) {
                    subscriber.onNext(SyntheticUserService.user(next++, createTime));
                    sent++;
                }
                if (sent > 0) {
                    demand.addAndGet(-sent);
                }
                if (next == count && !cancelled) {
                    cancelled = true;
                    subscriber.onComplete();
                    return;
                }
                missed = work.addAndGet(-missed);
            } while (missed != 0);
        }
    }
}
