package io.courier.demo;

import io.courier.api.RpcContext;
import io.courier.api.RpcException;
import io.courier.events.kafka.embedded.EmbeddedKafka;
import io.courier.registry.zookeeper.EmbeddedZooKeeper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The shop's run: start the applications, wait until every instance is discovered, drive traffic
 * for the given duration while the timeline below happens, then measure and check.
 *
 * <pre>
 *   20 % of the duration: orders flow, the browsers overrun orderCount's rate limit, and the
 *         client watches user 3's orders through a server stream while it places some; then the
 *         browsers stop and one canary order is traced end to end
 *   20 %, and until the canary's circuit opened: inventory-canary is slow (+1.5 s per call)
 *   20 %, and until the circuit closed again: inventory-canary is fast again
 *   40 %: user-2 is stopped gracefully while orders flow; then traffic stops, Prometheus is
 *         scraped and the checks run
 * </pre>
 *
 * A phase that waits for an effect waits at most {@value #PHASE_LIMIT_SECONDS} s longer.
 */
final class ShopScenario {

    static final long SLOW_MILLIS = 1_500;
    static final long PHASE_LIMIT_SECONDS = 15;
    private static final BooleanSupplier NOTHING = () -> true;

    private final String registry;
    private final Duration duration;
    private final CompletableFuture<EmbeddedKafka> kafka;
    private final DemoApplication.Stop stop;

    /** A run on the Kafka {@code kafka} is starting (see {@link #startKafka()}), closed with the run. */
    ShopScenario(String registry, Duration duration, CompletableFuture<EmbeddedKafka> kafka) {
        this(registry, duration, kafka, DemoApplication.Stop.none());
    }

    /** As above; what the run opens is closed by {@code stop} too, should a signal end the run. */
    ShopScenario(
            String registry, Duration duration, CompletableFuture<EmbeddedKafka> kafka, DemoApplication.Stop stop) {
        this.registry = registry;
        this.duration = duration;
        this.kafka = kafka;
        this.stop = stop;
    }

    /**
     * Starts, in the background, the one embedded Kafka (KRaft) the shop's applications share for
     * their events (with {@code courier.events.broker=embedded} each would start its own). It takes
     * seconds, so the demo starts it before anything else.
     */
    static CompletableFuture<EmbeddedKafka> startKafka() {
        return CompletableFuture.supplyAsync(EmbeddedKafka::start);
    }

    ShopReport run() throws Exception {
        // The Kafka closes after the applications, whose subscriptions commit and leave their groups.
        stop.closeOnStop(() -> kafka.thenAccept(EmbeddedKafka::close)
                .exceptionally(failed -> null)
                .join());
        try {
            if (!"embedded".equals(registry)) {
                return run(registry, registry.substring("zookeeper://".length()), kafka);
            }
            // The embedded ZooKeeper started here rather than by the registry: the console needs its address.
            try (EmbeddedZooKeeper zookeeper = stop.closeOnStop(EmbeddedZooKeeper.start())) {
                zookeeper.closedByOwnerAtExit();
                return run("zookeeper://" + zookeeper.connectString(), zookeeper.connectString(), kafka);
            }
        } finally {
            kafka.thenAccept(EmbeddedKafka::close);
        }
    }

    private ShopReport run(String registry, String zookeeper, CompletableFuture<EmbeddedKafka> kafka) throws Exception {
        DemoTracing.tracer(); // before the first application binds its filters
        ShopStats stats = new ShopStats();
        Timeline timeline = new Timeline(stats, stop::stopping);
        String bootstrapServers = kafka.join().bootstrapServers();
        try (ShopSystem shop = stop.closeOnStop(ShopSystem.start(registry, bootstrapServers, stats))) {
            ShopReport report = new ShopReport(shop, stats);
            report.describeApplications(registry, "embedded".equals(this.registry));
            ShopTraffic traffic = stop.closeOnStop(new ShopTraffic(shop, stats, timeline));
            waitUntilEveryInstanceServes(shop);
            DemoGateway gateway = DemoGateway.start(registry);
            shop.closeWith(gateway);
            report.gateway(gateway);
            List<String> consumers = new ArrayList<>(shop.consumingAdminEndpoints());
            consumers.add(gateway.adminEndpoint());
            DemoConsole console = DemoConsole.start(zookeeper, consumers);
            shop.closeWith(console);
            DemoConsole.console(console);
            if (duration.toSeconds() >= TrafficWatch.WATCH_FROM_SECONDS) {
                shop.closeWith(TrafficWatch.start(shop));
            }
            Prometheus prometheus = new Prometheus(shop.prometheusUrl);
            CircuitWatch watch = new CircuitWatch(shop, prometheus, timeline);
            timeline.event("traffic started: " + ShopTraffic.BUYERS + " buyers, " + ShopTraffic.BROWSERS
                    + " browsers, for about " + duration.toSeconds() + " s");
            traffic.start();
            try {
                // Each phase lasts a share of the duration, and on a busy machine as long as it takes
                // for its effect to show (bounded), so a short or starved run still shows everything.
                OrderEventsWatch events = OrderEventsWatch.start(shop, traffic, timeline);
                phase(0.2, watch, events::finished);
                report.orderEvents(events.result());
                traffic.stopBrowsing();
                timeline.event("browsers stopped: orderCount's limit of " + ShopSystem.RATE_LIMIT
                        + " calls/s is free for any other caller; a newcomer's first orderCount call: "
                        + (traffic.newcomerAnswered() ? "answered" : "REFUSED"));
                report.tracedOrder(traceOneCanaryOrder(traffic, timeline));
                shop.canary.slowDown(SLOW_MILLIS);
                timeline.event("inventory-canary made slow: +" + SLOW_MILLIS + " ms per call");
                phase(0.2, watch, () -> watch.state(shop.canary.instance()).equals("OPEN"));
                shop.canary.slowDown(0);
                timeline.event("inventory-canary fast again");
                phase(0.2, watch, () -> watch.endedClosed(shop.canary.instance()));
                timeline.event("stopping user-2 (graceful close) while orders flow");
                shop.user2App.close();
                report.user2Stopped(stats.elapsedSeconds());
                timeline.event("user-2 stopped");
                phase(0.4, watch, NOTHING);
            } finally {
                traffic.close();
            }
            timeline.event("traffic stopped");
            watch.poll();
            report.metrics(prometheus.scrape(), watch);
            return report;
        }
    }

    /**
     * Lets traffic flow for {@code share} of the duration and then until {@code done}, at most
     * {@link #PHASE_LIMIT_SECONDS} more; polls the circuit states meanwhile.
     */
    private void phase(double share, CircuitWatch watch, BooleanSupplier done) throws InterruptedException {
        long now = System.nanoTime();
        long until = now + (long) (duration.toNanos() * share);
        long limit = until + TimeUnit.SECONDS.toNanos(PHASE_LIMIT_SECONDS);
        while (true) {
            watch.poll();
            now = System.nanoTime();
            if ((now >= until && done.getAsBoolean()) || now >= limit) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /** A canary order inside a sampled root span: its trace crosses the three services. */
    private static String traceOneCanaryOrder(ShopTraffic traffic, Timeline timeline) {
        Span root = DemoTracing.startTracedRoot();
        try (Scope scope = root.makeCurrent()) {
            traffic.placeOrder(ShopTraffic.CANARY_USER, "book");
        } finally {
            root.end();
        }
        String traceId = root.getSpanContext().getTraceId();
        timeline.event("traced one canary order: trace " + traceId);
        return traceId;
    }

    /**
     * Registration and discovery are asynchronous: place orders (user 4's tagged canary) until all
     * four provider instances have executed one, for at most 20 s. Until the registry's first push
     * reaches a consumer, calls fail with {@code NO_PROVIDER}; the warm-up is not part of the
     * traffic statistics (the instances' own counters include it).
     */
    static void waitUntilEveryInstanceServes(ShopSystem shop) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long n = 0;
        RpcException lastFailure = null;
        while (shop.user1.found() == 0
                || shop.user2.found() == 0
                || shop.stable.served() == 0
                || shop.canary.served() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not every instance was discovered within 20 s: user-1 "
                        + shop.user1.found() + ", user-2 " + shop.user2.found() + ", inventory-stable "
                        + shop.stable.served() + ", inventory-canary " + shop.canary.served()
                        + "; last failure: " + lastFailure);
            }
            long userId = 1 + (n++ % 4);
            RpcContext.current().setTag(userId == ShopTraffic.CANARY_USER ? ShopSystem.CANARY : null);
            try {
                shop.orders.placeOrder(userId, "warm-up", 1);
            } catch (RpcException e) {
                // NO_PROVIDER here or, relayed by order-service, for its own references.
                lastFailure = e;
                TimeUnit.MILLISECONDS.sleep(20);
            } finally {
                RpcContext.current().setTag(null);
            }
        }
    }
}
