package io.courier.console;

import io.courier.bootstrap.Courier;
import io.courier.bootstrap.CourierBuilder;
import io.courier.console.fixtures.CountingStock;
import io.courier.console.fixtures.Stock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.test.TestingServer;

/**
 * A small shop on a real ZooKeeper: two inventory providers, a consumer calling them every 2 ms,
 * and the console. {@link #close()} stops every piece, the console first.
 */
final class ConsoleFixture implements AutoCloseable {

    static final String TOKEN = "console-test-token-0123456789";

    final TestingServer zookeeper;
    final CountingStock first = new CountingStock("inventory-1");
    final CountingStock second = new CountingStock("inventory-2");
    final Courier firstApp;
    final Courier secondApp;
    final Courier consumerApp;
    final Console console;
    final AtomicLong failures = new AtomicLong();
    private final ScheduledExecutorService traffic;
    private final List<AutoCloseable> started = new ArrayList<>();

    private ConsoleFixture() throws Exception {
        zookeeper = new TestingServer(true);
        started.add(zookeeper);
        try {
            firstApp = start(app("inventory-service").export(first));
            secondApp = start(app("inventory-service").export(second));
            consumerApp = start(app("shop-client"));
            Stock stock = consumerApp.reference(Stock.class);
            traffic = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "shop-traffic"));
            started.add(traffic::shutdownNow);
            traffic.scheduleWithFixedDelay(
                    () -> {
                        try {
                            stock.reserve("book");
                        } catch (RuntimeException e) {
                            failures.incrementAndGet();
                        }
                    },
                    0,
                    2,
                    TimeUnit.MILLISECONDS);
            console = Console.start(ConsoleOptions.builder()
                    .zookeeper(zookeeper.getConnectString())
                    .port(0)
                    .token(TOKEN)
                    .build());
            started.add(console);
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    static ConsoleFixture start() throws Exception {
        return new ConsoleFixture();
    }

    private CourierBuilder app(String name) {
        return Courier.builder()
                .application(name)
                .registry("zookeeper://" + zookeeper.getConnectString())
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false);
    }

    private Courier start(CourierBuilder builder) {
        Courier courier = builder.start();
        started.add(courier);
        return courier;
    }

    String address(Courier provider) {
        return provider.endpoint().orElseThrow().toString();
    }

    /** Closes everything, the last started first; the first failure is thrown once all were tried. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing the fixture failed", e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
