package io.courier.spring.boot.autoconfigure.events;

import io.courier.api.event.Event;
import io.courier.api.event.Subscribe;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * A plain Spring bean (not exported) that subscribes: an order whose id starts with {@code hold} is
 * held until {@link #release()}, to catch a shutdown with a handler in flight.
 */
@Component
public class Inventory {

    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @Subscribe(topic = EventsApplication.TOPIC, group = EventsApplication.GROUP)
    public void on(Event<OrderPlaced> order) throws InterruptedException {
        if (order.payload().orderId().startsWith("hold")) {
            entered.countDown();
            if (!release.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        }
        handled.add(order.payload().orderId());
    }

    public List<String> handled() {
        return handled;
    }

    public boolean holding() {
        return entered.getCount() == 0;
    }

    public void release() {
        release.countDown();
    }
}
