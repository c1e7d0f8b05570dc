package io.courier.demo;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every {@link #PERIOD_SECONDS} s, one line with the calls each provider instance executed in that
 * time, so that a person changing a weight in the console sees the traffic move (and come back on a
 * rollback). Runs on a daemon thread until closed.
 */
final class TrafficWatch implements AutoCloseable {

    static final long PERIOD_SECONDS = 5;
    /** Runs this long or longer are for watching: they print the line (shorter ones stay brief). */
    static final long WATCH_FROM_SECONDS = 60;

    private final ShopSystem shop;
    private final ScheduledExecutorService timer;
    private long[] last;

    private TrafficWatch(ShopSystem shop) {
        this.shop = shop;
        this.last = counts();
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "demo-traffic-watch");
            thread.setDaemon(true);
            return thread;
        });
    }

    static TrafficWatch start(ShopSystem shop) {
        TrafficWatch watch = new TrafficWatch(shop);
        watch.timer.scheduleAtFixedRate(watch::print, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
        return watch;
    }

    private long[] counts() {
        return new long[] {shop.user1.found(), shop.user2.found(), shop.stable.served(), shop.canary.served()};
    }

    private void print() {
        long[] now = counts();
        System.out.printf(
                "calls in the last %d s: user-1 %d, user-2 %d, inventory-stable %d, inventory-canary %d%n",
                PERIOD_SECONDS, now[0] - last[0], now[1] - last[1], now[2] - last[2], now[3] - last[3]);
        last = now;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
