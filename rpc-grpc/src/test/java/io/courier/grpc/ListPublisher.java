package io.courier.grpc;

import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Publishes a list to one subscriber as it asks, then completes. */
public final class ListPublisher<T> implements Flow.Publisher<T> {

    private final List<T> items;

    public ListPublisher(List<T> items) {
        this.items = List.copyOf(items);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        AtomicLong demand = new AtomicLong();
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean cancelled = new AtomicBoolean();
        AtomicInteger wip = new AtomicInteger();
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
                if (wip.getAndIncrement() != 0) {
                    return;
                }
                do {
                    while (demand.get() > 0 && next.get() < items.size() && !cancelled.get()) {
                        demand.decrementAndGet();
                        subscriber.onNext(items.get(next.getAndIncrement()));
                    }
                    if (next.get() == items.size() && !cancelled.getAndSet(true)) {
                        subscriber.onComplete();
                    }
                } while (wip.decrementAndGet() != 0);
            }

            @Override
            public void cancel() {
                cancelled.set(true);
            }
        });
        if (items.isEmpty() && !cancelled.getAndSet(true)) {
            subscriber.onComplete();
        }
    }
}
