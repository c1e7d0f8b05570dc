package io.courier.demo;

import io.courier.api.ErrorCode;
import io.courier.api.RpcContext;
import io.courier.api.RpcException;
import io.courier.examples.guide.UserNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The shop client's load: {@link #BUYERS} threads placing orders at a steady pace, user 4's
 * orders tagged {@code canary} (a beta tester), and browser threads asking for order counts
 * faster than order-service's rate limit allows. The browsers rush only until {@link
 * #stopBrowsing()}: while they take every token nobody else gets an order count, so the rest of the
 * run leaves the limit to newcomers (a gRPC client's first call, a console user's test call).
 */
final class ShopTraffic implements AutoCloseable {

    static final int BUYERS = 4;
    static final int BROWSERS = 3;
    static final long CANARY_USER = 4;
    private static final String[] SKUS = {"book", "lamp", "mug", "pen"};

    private final ShopSystem shop;
    private final ShopStats stats;
    private final Timeline timeline;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicBoolean browsing = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    ShopTraffic(ShopSystem shop, ShopStats stats, Timeline timeline) {
        this.shop = shop;
        this.stats = stats;
        this.timeline = timeline;
    }

    void start() {
        for (int i = 0; i < BUYERS; i++) {
            int buyer = i;
            threads.add(new Thread(() -> buy(buyer), "shop-buyer-" + i));
        }
        for (int i = 0; i < BROWSERS; i++) {
            threads.add(new Thread(this::browse, "shop-browser-" + i));
        }
        threads.forEach(Thread::start);
    }

    /** Places one order and records its outcome; the order, or empty if it failed. */
    Optional<Order> placeOrder(long userId, String sku) {
        boolean canary = userId == CANARY_USER;
        if (canary) {
            RpcContext.current().setTag(ShopSystem.CANARY);
        }
        long start = System.nanoTime();
        try {
            Order order = shop.orders.placeOrder(userId, sku, 1);
            stats.record(ShopStats.PLACE_ORDER, start);
            stats.count(ShopReport.ORDERS);
            if (canary) {
                stats.count(ShopReport.CANARY_ORDERS);
            }
            if (order.reservedBy().equals(shop.canary.instance())) {
                stats.count(ShopReport.RESERVED_ON_CANARY);
            }
            return Optional.of(order);
        } catch (UserNotFoundException | RuntimeException e) {
            stats.count(ShopReport.ORDERS);
            stats.count(ShopReport.FAILED_ORDERS);
            if (stats.total(ShopReport.FAILED_ORDERS) <= 3) {
                timeline.event("order FAILED: " + e);
            }
            return Optional.empty();
        } finally {
            RpcContext.current().setTag(null);
        }
    }

    private void buy(int buyer) {
        long n = buyer;
        while (running.get()) {
            long userId = 1 + (n++ % 4);
            placeOrder(userId, SKUS[(int) (n % SKUS.length)]);
            pause(10);
        }
    }

    /** Ends the browsers' rush; order counts are then answered to whoever asks within the limit. */
    void stopBrowsing() {
        browsing.set(false);
    }

    /**
     * After the rush: one {@code orderCount} call from the client, which never called it before (as a
     * person's first gRPC call would be), once the bucket had a second to refill; counted under
     * {@link ShopReport#NEWCOMER_ANSWERED} when answered.
     */
    boolean newcomerAnswered() throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(1_200);
        try {
            shop.orders.orderCount(1);
            stats.count(ShopReport.NEWCOMER_ANSWERED);
            return true;
        } catch (RpcException e) {
            return false;
        }
    }

    private void browse() {
        long n = 0;
        while (running.get() && browsing.get()) {
            try {
                shop.browser.orderCount(1 + (n++ % 4));
                stats.count(ShopReport.COUNTS_ANSWERED);
            } catch (RpcException e) {
                stats.count(e.code() == ErrorCode.RATE_LIMITED ? ShopReport.COUNTS_REFUSED : ShopReport.COUNTS_FAILED);
            }
            pause(10);
        }
    }

    private static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the load and waits (at most 10 s) for the threads' last calls. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
    }
}
