package io.courier.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The shop client watching one user's orders through the server stream {@link
 * OrderService#orderEvents} while the traffic flows, on a thread of its own: it subscribes, waits for
 * the {@link OrderEvent#SUBSCRIBED} event, places {@link #ORDERS} orders for that user itself (the
 * buyers place theirs too), waits until the events of its orders arrived, cancels, and waits until
 * order-service stopped watching. It requests events {@link #BATCH} at a time, as a subscriber with
 * back-pressure does.
 */
final class OrderEventsWatch implements Flow.Subscriber<OrderEvent> {

    static final long USER = 3;
    static final int ORDERS = 20;
    static final int BATCH = 16;
    private static final long WAIT_SECONDS = 10;

    /** What the watch saw; {@code placed} and {@code received} are order ids. */
    record Result(boolean subscribed, List<Long> placed, List<Long> received, String failure, boolean unwatched) {

        /** Subscribed, every own order's event received, all in increasing order, no error, and unwatched. */
        boolean passed() {
            return subscribed
                    && failure.isEmpty()
                    && placed.size() == ORDERS
                    && received.containsAll(placed)
                    && increasing(received)
                    && unwatched;
        }

        String detail() {
            return (subscribed ? "subscribed" : "never subscribed") + ", " + placed.size() + " of " + ORDERS
                    + " orders placed, " + received.size() + " events received"
                    + (received.containsAll(placed) ? "" : ", own orders missing")
                    + (increasing(received) ? "" : ", out of order: " + received)
                    + (failure.isEmpty() ? "" : ", failed: " + failure)
                    + (unwatched ? "" : ", order-service still watching after the cancel");
        }

        private static boolean increasing(List<Long> ids) {
            for (int i = 1; i < ids.size(); i++) {
                if (ids.get(i) <= ids.get(i - 1)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final ShopSystem shop;
    private final ShopTraffic traffic;
    private final Timeline timeline;
    private final Thread thread = new Thread(this::run, "shop-order-watcher");
    private final CompletableFuture<Void> subscribed = new CompletableFuture<>();

    // Guarded by this.
    private final List<Long> placed = new ArrayList<>();
    private final List<Long> received = new ArrayList<>();
    private String failure = "";
    private boolean unwatched;
    private Flow.Subscription subscription;
    private long taken;

    private OrderEventsWatch(ShopSystem shop, ShopTraffic traffic, Timeline timeline) {
        this.shop = shop;
        this.traffic = traffic;
        this.timeline = timeline;
    }

    static OrderEventsWatch start(ShopSystem shop, ShopTraffic traffic, Timeline timeline) {
        OrderEventsWatch watch = new OrderEventsWatch(shop, traffic, timeline);
        watch.thread.setDaemon(true);
        watch.thread.start();
        return watch;
    }

    boolean finished() {
        return !thread.isAlive();
    }

    /** What it saw; waits a second at most for the watch to end. */
    Result result() throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(1));
        synchronized (this) {
            return new Result(
                    subscribed.isDone() && !subscribed.isCompletedExceptionally(),
                    List.copyOf(placed),
                    List.copyOf(received),
                    failure,
                    unwatched);
        }
    }

    private void run() {
        try {
            shop.orders.orderEvents(USER).subscribe(this);
            subscribed.get(WAIT_SECONDS, TimeUnit.SECONDS);
            timeline.event("watching the orders of user " + USER + " (server stream OrderService.orderEvents)");
            for (int i = 0; i < ORDERS; i++) {
                traffic.placeOrder(USER, "watched-" + i).ifPresent(order -> {
                    synchronized (this) {
                        placed.add(order.id());
                    }
                });
                TimeUnit.MILLISECONDS.sleep(10);
            }
            awaitUntil(() -> received.containsAll(placed));
            subscription().cancel();
            boolean stopped = awaitUntil(() -> shop.orderService.events.watching() == 0);
            synchronized (this) {
                unwatched = stopped;
                timeline.event("order events of user " + USER + ": " + placed.size() + " orders placed, "
                        + received.size() + " events received; cancelled");
            }
        } catch (Exception e) {
            synchronized (this) {
                failure = failure.isEmpty() ? e.toString() : failure;
            }
            timeline.event("watching the orders of user " + USER + " FAILED: " + e);
        }
    }

    /** Polls {@code done} (under this lock) for {@value #WAIT_SECONDS} s at most. */
    private boolean awaitUntil(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                if (done.getAsBoolean()) {
                    return true;
                }
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return false;
    }

    @Override
    public void onSubscribe(Flow.Subscription given) {
        synchronized (this) {
            subscription = given;
        }
        given.request(BATCH);
    }

    private synchronized Flow.Subscription subscription() {
        return subscription;
    }

    @Override
    public void onNext(OrderEvent event) {
        boolean more;
        synchronized (this) {
            if (OrderEvent.SUBSCRIBED.equals(event.type())) {
                subscribed.complete(null);
            } else if (event.userId() != USER) {
                failure = "an event of user " + event.userId() + ": " + event;
            } else {
                received.add(event.orderId());
            }
            more = ++taken % BATCH == 0;
        }
        // Outside the lock: the stream may deliver the next events on this thread, from request.
        if (more) {
            subscription().request(BATCH);
        }
    }

    @Override
    public synchronized void onError(Throwable error) {
        failure = error.toString();
        subscribed.completeExceptionally(error);
    }

    @Override
    public synchronized void onComplete() {
        failure = "the stream completed while watched";
    }
}
