package io.courier.demo;

import io.courier.api.ReferenceOptions;
import io.courier.api.config.ConfigKey;
import io.courier.api.config.ConfigKeyRegistry;
import io.courier.api.config.FilterSettings;
import io.courier.api.event.EventKeys;
import io.courier.api.event.SubscriptionOptions;
import io.courier.bootstrap.Courier;
import io.courier.bootstrap.CourierBuilder;
import io.courier.bootstrap.config.ApplicationKeys;
import io.courier.bootstrap.config.BreakerKeys;
import io.courier.bootstrap.config.RegistryKeys;
import io.courier.bootstrap.config.ServiceKeys;
import io.courier.events.kafka.KafkaEventKeys;
import io.courier.filter.config.FilterKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The shop's applications, each a separate {@link Courier} with its own port, started in one JVM
 * against one registry: two user-service instances, two inventory-service instances (one tagged
 * {@code canary}), the order-service, the shop client and a browser. With a Kafka to meet on (the
 * events' broker, shared by the applications), order-service publishes an {@link OrderPlaced} event
 * per order, the inventory instances subscribe in code (one consumer group) and an eighth
 * application, notification-service, subscribes through a {@code @Subscribe} method of its
 * exported bean.
 */
final class ShopSystem implements AutoCloseable {

    static final String CANARY = "canary";
    static final int RATE_LIMIT = 5;
    static final long SLOW_CALL_MILLIS = 800;
    static final String INVENTORY_GROUP = "inventory-service";
    /** The partitions of the shop's topics. */
    static final int PARTITIONS = 4;

    private static final String INVENTORY = InventoryService.class.getName();

    final ShopUserService user1 = new ShopUserService("user-1");
    final ShopUserService user2 = new ShopUserService("user-2");
    final WarehouseInventory stable = new WarehouseInventory("inventory-stable");
    final WarehouseInventory canary = new WarehouseInventory("inventory-canary");
    final ShopOrderService orderService;
    final ShopNotifications notifications = new ShopNotifications();
    /** The inventory service's record of the events, shared by its two instances. */
    final SubscriberLedger inventoryLedger = new SubscriberLedger(INVENTORY_GROUP);
    /** The Kafka the applications publish and subscribe on; empty: no events. */
    final Optional<String> kafka;

    final String prometheusUrl;
    final Courier user1App;
    final Courier user2App;
    final Courier stableApp;
    final Courier canaryApp;
    final Courier orderApp;
    final Courier clientApp;
    final Courier browserApp;
    /** Present when the shop has events. */
    final Optional<Courier> notificationApp;
    /** The client's proxy for placing orders (configured defaults: failover, 2 retries). */
    final OrderService orders;
    /** The client's proxy for the rate-limited reads: no retries, so each refusal is seen once. */
    final OrderService browser;

    private final List<Courier> started = new ArrayList<>();
    private final List<AutoCloseable> extras = new ArrayList<>();
    private boolean closed; // guarded by this

    private ShopSystem(String registry, Optional<String> kafka, ShopStats stats) {
        this.kafka = kafka;
        int prometheusPort = freeLoopbackPort();
        this.prometheusUrl = "http://127.0.0.1:" + prometheusPort + "/metrics";
        this.orderService = new ShopOrderService("order-1", stats);
        extras.add(orderService.events);
        try {
            user1App = start(app("user-service", registry).export(user1));
            user2App = start(app("user-service", registry).export(user2));
            stableApp = start(app("inventory-service", registry).export(stable));
            canaryApp = start(app("inventory-service", registry)
                    .property(ServiceKeys.PROVIDER_TAGS.name(), CANARY)
                    .export(canary));
            if (kafka.isPresent()) {
                subscribeInventory(stableApp, stable);
                subscribeInventory(canaryApp, canary);
                notificationApp =
                        Optional.of(start(app("notification-service", registry).export(notifications)));
            } else {
                notificationApp = Optional.empty();
            }
            orderApp = startOrderService(registry, prometheusPort);
            if (kafka.isPresent()) {
                // the topic is made (and its partitions led) here, before the first order
                orderService.announceOn(orderApp.events().publisher(OrderPlaced.TOPIC, OrderPlaced.class));
            }
            // A generous timeout: a canary order may wait for the slow canary (placeOrder is not
            // idempotent, so a timeout would not be retried and the order would fail).
            clientApp =
                    start(app("shop-client", registry).property(ServiceKeys.CONSUMER_TIMEOUT_MILLIS.name(), "10000"));
            orders = clientApp.reference(OrderService.class);
            // Its own application: two references to one service in one application would share
            // (and warn about) the metrics' in-flight gauge.
            // It is there to overrun orderCount's limit: left to the default, it would back off from
            // order-service after 5 refusals in a row (ejection), as a well-behaved client should.
            browserApp = start(app("shop-browser", registry)
                    .property(RegistryKeys.CLUSTER_REFUSALS_BEFORE_EJECTION.name(), "1000"));
            browser = browserApp.reference(
                    OrderService.class,
                    ReferenceOptions.builder().timeoutMillis(5_000).retries(0).build());
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** order-service: metrics on Prometheus, its orderCount rate-limited, a breaker per inventory instance. */
    private Courier startOrderService(String registry, int prometheusPort) {
        return start(app("order-service", registry)
                .property(FilterKeys.METRICS_PROMETHEUS_ENABLED.name(), "true")
                .property(FilterKeys.METRICS_PROMETHEUS_HOST.name(), "127.0.0.1")
                .property(FilterKeys.METRICS_PROMETHEUS_PORT.name(), Integer.toString(prometheusPort))
                // Provider side: orderCount may be called RATE_LIMIT times a second, placeOrder is unlimited.
                .property(
                        ConfigKeyRegistry.FILTER_PREFIX + "orderCount."
                                + FilterSettings.option(FilterKeys.RATE_LIMIT.qps),
                        Integer.toString(RATE_LIMIT))
                // Consumer side, per inventory instance: open when half of the last 6 calls (at least
                // 4) took SLOW_CALL_MILLIS or more; after 1 s let 2 probes through. The thresholds
                // leave room for a busy machine: only the canary's deliberate delay is that slow.
                .property(forInventory(BreakerKeys.ENABLED), "true")
                .property(forInventory(BreakerKeys.WINDOW_SIZE), "6")
                .property(forInventory(BreakerKeys.MINIMUM_CALLS), "4")
                .property(forInventory(BreakerKeys.SLOW_CALL_MILLIS), Long.toString(SLOW_CALL_MILLIS))
                .property(forInventory(BreakerKeys.SLOW_CALL_RATE_THRESHOLD), "50")
                .property(forInventory(BreakerKeys.OPEN_MILLIS), "1000")
                .property(forInventory(BreakerKeys.HALF_OPEN_CALLS), "2")
                .export(orderService));
    }

    /** {@code key} for the inventory service alone: {@code courier.service.<inventory>.filter.circuit-breaker...}. */
    private static String forInventory(ConfigKey<?> key) {
        return ConfigKeyRegistry.SERVICE_PREFIX + INVENTORY + "." + key.name().substring(ConfigKey.PREFIX.length());
    }

    /** Closes {@code resource} with the shop, before its applications. */
    synchronized void closeWith(AutoCloseable resource) {
        extras.add(resource);
    }

    /**
     * Starts the applications without events; {@code registry} is {@code embedded} or {@code
     * zookeeper://host:port}.
     */
    static ShopSystem start(String registry, ShopStats stats) {
        return new ShopSystem(registry, Optional.empty(), stats);
    }

    /** Starts the applications, with events on the Kafka at {@code kafka} ({@code host:port}). */
    static ShopSystem start(String registry, String kafka, ShopStats stats) {
        return new ShopSystem(registry, Optional.of(kafka), stats);
    }

    /**
     * An inventory instance's subscription, registered in code: both instances in one group, so each
     * event goes to one of them, de-duplicated through the ledger they share.
     */
    private void subscribeInventory(Courier app, WarehouseInventory instance) {
        app.events()
                .subscribe(
                        SubscriptionOptions.builder(OrderPlaced.TOPIC, INVENTORY_GROUP, OrderPlaced.class)
                                .build(),
                        inventoryLedger.handler(instance::pick));
    }

    private CourierBuilder app(String name, String registry) {
        CourierBuilder builder = Courier.builder()
                .application(name)
                .registry(registry)
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .property(FilterKeys.METRICS_ENABLED.name(), "true")
                // every application's admin endpoint on a free port of 127.0.0.1: the console's live
                // charts, topology rates and instance pages read it
                .property(ApplicationKeys.ADMIN_PORT.name(), "0");
        // One Kafka for every application: courier.events.broker=embedded would start one per
        // application that opens its broker. An application opens it only when it uses events.
        // Four partitions (not 12) for three subscribers: less for the one broker to create and assign.
        kafka.ifPresent(servers -> builder.property(EventKeys.BROKER.name(), "kafka")
                .property(KafkaEventKeys.BOOTSTRAP_SERVERS.name(), servers)
                .property(KafkaEventKeys.PARTITIONS.name(), Integer.toString(PARTITIONS)));
        return builder;
    }

    /** The admin endpoints of the applications that only consume, which the registry cannot name. */
    List<String> consumingAdminEndpoints() {
        return List.of(
                "127.0.0.1:" + clientApp.adminPort().orElseThrow(),
                "127.0.0.1:" + browserApp.adminPort().orElseThrow());
    }

    private Courier start(CourierBuilder builder) {
        Courier courier = builder.start();
        started.add(courier);
        return courier;
    }

    /** The instance name of the inventory provider at {@code endpoint} ({@code host:port}). */
    String inventoryInstance(String endpoint) {
        if (endpoint.equals(stableApp.endpoint().orElseThrow().toString())) {
            return stable.instance();
        }
        if (endpoint.equals(canaryApp.endpoint().orElseThrow().toString())) {
            return canary.instance();
        }
        return endpoint;
    }

    /**
     * Consumers first, so no call is left without its provider. Idempotent, and once at a time: a
     * signal's stop and the run's own end may both close the shop.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AutoCloseable extra : extras) {
            try {
                extra.close();
            } catch (Exception e) {
                System.out.println("closing " + extra + " failed: " + e);
            }
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    /**
     * A free port for the Prometheus endpoint. Courier's API does not report the port the endpoint
     * bound when configured with 0, so the demo picks one itself (a small race, harmless here).
     */
    // Below every system's ephemeral range (Linux 32768-60999, others from 49152): the endpoint binds it only
    // after four applications have started, and an ephemeral port chosen by the system could by then have gone
    // to one of their outgoing connections (seen once: "Address already in use").
    private static int freeLoopbackPort() {
        int first = 20_000 + ThreadLocalRandom.current().nextInt(10_000);
        IOException last = null;
        for (int port = first; port < first + 2_000; port++) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                last = taken;
            }
        }
        throw new UncheckedIOException("no free port on 127.0.0.1 for the Prometheus endpoint", last);
    }
}
