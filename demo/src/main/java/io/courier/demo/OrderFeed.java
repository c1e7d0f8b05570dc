package io.courier.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;

/**
 * The provider's side of {@link OrderService#orderEvents}: one JDK {@link SubmissionPublisher} per
 * subscription, each with a buffer of {@link #BUFFER} events. It delivers only what its subscriber
 * requested (the stream's credit, granted by the consumer); an order never waits for a watcher: a
 * watcher whose buffer is full is ended with an error instead, so no queue grows without bound.
 * Thread-safe.
 */
final class OrderFeed implements AutoCloseable {

    /** Events a watcher may fall behind before it is ended. */
    static final int BUFFER = 256;

    private final ExecutorService delivery = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "order-events");
        thread.setDaemon(true);
        return thread;
    });

    // Guarded by this.
    private final Map<Long, List<SubmissionPublisher<OrderEvent>>> watchers = new HashMap<>();
    private boolean closed;

    /** A cold publisher: each subscriber starts watching {@code userId} when it subscribes. */
    Flow.Publisher<OrderEvent> watch(long userId) {
        return subscriber -> {
            SubmissionPublisher<OrderEvent> publisher = new SubmissionPublisher<>(delivery, BUFFER);
            publisher.subscribe(new Unwatching(subscriber, () -> remove(userId, publisher)));
            // The subscriber's buffer exists once subscribe returns: what is offered from now on reaches it.
            add(userId, publisher);
        };
    }

    private synchronized void add(long userId, SubmissionPublisher<OrderEvent> publisher) {
        if (closed || publisher.getNumberOfSubscribers() == 0) {
            // closed with the shop, or the subscriber cancelled before it was added: nothing to watch
            publisher.close();
            return;
        }
        watchers.computeIfAbsent(userId, id -> new ArrayList<>()).add(publisher);
        offer(userId, publisher, OrderEvent.subscribed(userId));
    }

    /** Tells every watcher of the order's user; called in the order the orders are placed. */
    synchronized void placed(long userId, Order order) {
        List<SubmissionPublisher<OrderEvent>> publishers = watchers.get(userId);
        if (publishers != null) {
            for (SubmissionPublisher<OrderEvent> publisher : List.copyOf(publishers)) {
                offer(userId, publisher, OrderEvent.placed(userId, order));
            }
        }
    }

    private void offer(long userId, SubmissionPublisher<OrderEvent> publisher, OrderEvent event) {
        if (publisher.offer(event, null) < 0) {
            publisher.closeExceptionally(new IllegalStateException(
                    "order events of user " + userId + ": the subscriber fell " + BUFFER + " events behind"));
            remove(userId, publisher);
        }
    }

    private synchronized void remove(long userId, SubmissionPublisher<OrderEvent> publisher) {
        List<SubmissionPublisher<OrderEvent>> publishers = watchers.get(userId);
        if (publishers != null && publishers.remove(publisher) && publishers.isEmpty()) {
            watchers.remove(userId);
        }
    }

    /** Subscriptions open now. */
    synchronized int watching() {
        return watchers.values().stream().mapToInt(List::size).sum();
    }

    /** Completes every open subscription. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            watchers.values().forEach(publishers -> publishers.forEach(SubmissionPublisher::close));
            watchers.clear();
        }
        delivery.shutdown();
    }

    /** Forwards to the subscriber, and stops watching when it cancels. */
    private record Unwatching(Flow.Subscriber<? super OrderEvent> subscriber, Runnable unwatch)
            implements Flow.Subscriber<OrderEvent> {

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    subscription.request(n);
                }

                @Override
                public void cancel() {
                    subscription.cancel();
                    unwatch.run();
                }
            });
        }

        @Override
        public void onNext(OrderEvent event) {
            subscriber.onNext(event);
        }

        @Override
        public void onError(Throwable failure) {
            subscriber.onError(failure);
        }

        @Override
        public void onComplete() {
            subscriber.onComplete();
        }
    }
}
