package io.courier.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The order-service's watchers, without the network: order, the bound on a slow watcher, cancel. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OrderFeedTest {

    private final OrderFeed feed = new OrderFeed();

    @AfterEach
    void close() {
        feed.close();
    }

    @Test
    void watcher_getsSubscribedThenItsUsersOrdersInOrder() {
        Events events = new Events(Long.MAX_VALUE);
        feed.watch(3).subscribe(events);
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.watching() == 1);

        for (long id = 1; id <= 10; id++) {
            feed.placed(id % 2 == 0 ? 3 : 4, order(id));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> events.received.size() == 6);
        assertThat(events.received).extracting(OrderEvent::type).first().isEqualTo(OrderEvent.SUBSCRIBED);
        assertThat(events.received.subList(1, 6))
                .extracting(OrderEvent::orderId)
                .containsExactly(2L, 4L, 6L, 8L, 10L);
        assertThat(events.received).extracting(OrderEvent::userId).containsOnly(3L);
    }

    @Test
    void watcherThatRequestsNothing_isEndedPastTheBuffer_andForgotten() {
        Events events = new Events(0);
        feed.watch(3).subscribe(events);

        for (long id = 1; id <= 2 * OrderFeed.BUFFER; id++) {
            feed.placed(3, order(id));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> events.failure != null);
        assertThat(events.failure).hasMessageContaining("fell " + OrderFeed.BUFFER + " events behind");
        assertThat(events.received).isEmpty();
        assertThat(feed.watching()).isZero();
    }

    @Test
    void cancel_stopsWatching() {
        Events events = new Events(1);
        feed.watch(3).subscribe(events);
        await().atMost(Duration.ofSeconds(10)).until(() -> events.received.size() == 1);

        events.subscription.cancel();

        assertThat(feed.watching()).isZero();
        feed.placed(3, order(1));
        assertThat(events.failure).isNull();
    }

    private static Order order(long id) {
        return new Order(id, "Grace Hopper", "book", 1, "inventory-stable");
    }

    private static final class Events implements Flow.Subscriber<OrderEvent> {
        final List<OrderEvent> received = new CopyOnWriteArrayList<>();
        final long initial;
        volatile Flow.Subscription subscription;
        volatile Throwable failure;

        Events(long initial) {
            this.initial = initial;
        }

        @Override
        public void onSubscribe(Flow.Subscription given) {
            subscription = given;
            if (initial > 0) {
                given.request(initial);
            }
        }

        @Override
        public void onNext(OrderEvent event) {
            received.add(event);
        }

        @Override
        public void onError(Throwable error) {
            failure = error;
        }

        @Override
        public void onComplete() {}
    }
}
