package io.courier.demo;

import io.courier.bootstrap.Courier;
import io.courier.bootstrap.CourierBuilder;
import io.courier.bootstrap.config.ApplicationKeys;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one service of the shop as an application of its own, as a container does (the demo's image,
 * {@code docs/kubernetes.md}): {@code ShopServiceMain user|inventory|order|client}. The user, inventory
 * and order services export what {@link ShopSystem} exports; the client places an order every
 * {@value #ORDER_PERIOD_MILLIS} ms through the order service and logs the first and every hundredth.
 *
 * <p>Everything else is Courier's configuration ({@code courier.properties}, {@code -Dcourier.*},
 * {@code COURIER_*} environment variables): the registry, the port, the advertised address, the admin
 * endpoint, the drain. The application's name is the role's ({@code user-service}, ...) unless
 * {@code courier.application.name} is set; the instance's name is {@code HOSTNAME} (a pod's name).
 * Stops gracefully on SIGTERM; exits 2 on a bad argument.
 */
public final class ShopServiceMain {

    /** The roles and the application name each has unless configured otherwise. */
    static final Map<String, String> ROLES = Map.of(
            "user", "user-service",
            "inventory", "inventory-service",
            "order", "order-service",
            "client", "shop-client");

    static final long ORDER_PERIOD_MILLIS = 500;

    private static final Logger log = LoggerFactory.getLogger(ShopServiceMain.class);

    private ShopServiceMain() {}

    public static void main(String[] args) throws InterruptedException {
        String role;
        try {
            role = role(args);
        } catch (IllegalArgumentException e) {
            log.error("{}; usage: ShopServiceMain user|inventory|order|client", e.getMessage());
            System.exit(2);
            return;
        }
        String instance = System.getenv().getOrDefault("HOSTNAME", role + "-1");
        CourierBuilder builder = Courier.builder();
        if (System.getenv("COURIER_APPLICATION_NAME") == null
                && System.getProperty(ApplicationKeys.APPLICATION_NAME.name()) == null) {
            builder.application(ROLES.get(role));
        }
        Object service = service(role, instance);
        if (service != null) {
            builder.export(service);
        }
        Courier courier = builder.start();
        log.info(
                "{} {} started{}",
                ROLES.get(role),
                instance,
                courier.endpoint().map(e -> " on " + e).orElse(""));
        if (service == null) {
            placeOrders(courier);
        } else {
            courier.awaitClose();
        }
    }

    /** The role {@code args} name. */
    static String role(String... args) {
        if (args.length != 1 || !ROLES.containsKey(args[0])) {
            throw new IllegalArgumentException("arguments " + List.of(args) + " (expected: one of "
                    + ROLES.keySet().stream().sorted().toList() + ")");
        }
        return args[0];
    }

    /** What {@code role} exports, named {@code instance}; none for the client. */
    static Object service(String role, String instance) {
        return switch (role) {
            case "user" -> new ShopUserService(instance);
            case "inventory" -> new WarehouseInventory(instance);
            case "order" -> new ShopOrderService(instance, new ShopStats());
            default -> null;
        };
    }

    /** The client's traffic, until the application closes. */
    private static void placeOrders(Courier courier) throws InterruptedException {
        OrderService orders = courier.reference(OrderService.class);
        AtomicLong placed = new AtomicLong();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "shop-client-orders");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(
                () -> {
                    long n = placed.get() + 1;
                    try {
                        Order order = orders.placeOrder(1 + n % 4, "sku-" + n % 7, 1);
                        long count = placed.incrementAndGet();
                        if (count == 1 || count % 100 == 0) {
                            log.info("{} order(s) placed; the last: {}", count, order);
                        }
                    } catch (Exception e) { // no provider yet, or a failed call: the next tick tries again
                        log.warn("placing an order failed: {}", e.toString());
                    }
                },
                0,
                ORDER_PERIOD_MILLIS,
                TimeUnit.MILLISECONDS);
        try {
            courier.awaitClose();
        } finally {
            timer.shutdownNow();
        }
    }
}
