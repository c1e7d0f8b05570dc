package io.courier.console;

import io.courier.bootstrap.Courier;
import io.courier.bootstrap.CourierBuilder;
import io.courier.console.fixtures.CountingStock;
import io.courier.console.fixtures.Orders;
import io.courier.console.fixtures.ShopOrders;
import io.courier.console.fixtures.ShopUsers;
import io.courier.console.fixtures.Stock;
import io.courier.console.fixtures.Users;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.test.TestingServer;

/**
 * A small shop on a real ZooKeeper, the demo's three services: a user service, two inventory
 * providers, an order service calling both, a shop client placing an order every 2 ms (one in
 * {@link #FAILING_EVERY} fails in the order service), and the console. Every application has its
 * admin endpoint and metrics on; the shop client only consumes, so the console is told its admin
 * endpoint. {@link #close()} stops every piece, the console first.
 */
final class ConsoleFixture implements AutoCloseable {

    static final String TOKEN = "console-test-token-0123456789";
    static final int FAILING_EVERY = 20;

    final TestingServer zookeeper;
    final CountingStock first = new CountingStock("inventory-1");
    final CountingStock second = new CountingStock("inventory-2");
    final Courier firstApp;
    final Courier secondApp;
    final Courier usersApp;
    final Courier ordersApp;
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
            usersApp = start(app("user-service").export(new ShopUsers()));
            ordersApp = start(app("order-service"));
            ordersApp.export(new ShopOrders(ordersApp.reference(Users.class), ordersApp.reference(Stock.class)));
            consumerApp = start(app("shop-client"));
            Orders orders = consumerApp.reference(Orders.class);
            traffic = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "shop-traffic"));
            started.add(traffic::shutdownNow);
            AtomicLong placed = new AtomicLong();
            traffic.scheduleWithFixedDelay(
                    () -> {
                        try {
                            orders.place("c1", placed.incrementAndGet() % FAILING_EVERY == 0 ? "" : "book");
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
                    .adminEndpoints(List.of(admin(consumerApp)))
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
                .property("courier.admin.port", "0")
                .property("courier.filter.metrics.enabled", "true")
                .shutdownHook(false);
    }

    private Courier start(CourierBuilder builder) {
        Courier courier = builder.start();
        started.add(courier);
        return courier;
    }

    /** The application's admin endpoint, {@code 127.0.0.1:port}. */
    static String admin(Courier app) {
        return "127.0.0.1:" + app.adminPort().orElseThrow();
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
