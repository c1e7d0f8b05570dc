package io.courier.demo;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** The shop run's results: collected during the run, printed as the summary, judged as checks. */
final class ShopReport {

    static final String ORDERS = "orders";
    static final String FAILED_ORDERS = "failed orders";
    static final String CANARY_ORDERS = "canary-tagged orders";
    static final String RESERVED_ON_CANARY = "orders reserved on the canary";
    static final String COUNTS_ANSWERED = "orderCount answered";
    static final String COUNTS_REFUSED = "orderCount refused (RATE_LIMITED)";
    static final String COUNTS_FAILED = "orderCount failed otherwise";
    static final String NEWCOMER_ANSWERED = "a newcomer's orderCount answered after the rush";

    /** How long the summary waits for the subscribers to handle the last events. */
    static final long EVENTS_WAIT_SECONDS = 30;

    /** One verdict of the summary. */
    record Check(String name, boolean passed, String detail) {}

    private final ShopSystem shop;
    private final ShopStats stats;
    private final List<Check> checks = new ArrayList<>();
    private String traceId = "";
    private String registry = "";
    private boolean embeddedRegistry;
    private SpanContext httpTrace = SpanContext.getInvalid();
    private double user2StoppedAt = -1;
    private String metrics = "";
    private CircuitWatch watch;
    private OrderEventsWatch.Result orderEvents;

    ShopReport(ShopSystem shop, ShopStats stats) {
        this.shop = shop;
        this.stats = stats;
    }

    /**
     * @param registry the shop's registry address, {@code zookeeper://host:port}
     * @param embedded whether the demo runs that ZooKeeper itself
     */
    void describeApplications(String registry, boolean embedded) {
        this.registry = registry;
        this.embeddedRegistry = embedded;
        line("applications (each a Courier instance with its own port; registry: %s):", registry);
        line(
                "  user-service       user-1 on %s, user-2 on %s",
                shop.user1App.endpoint().orElseThrow(), shop.user2App.endpoint().orElseThrow());
        line(
                "  inventory-service  inventory-stable on %s, inventory-canary on %s (tag 'canary')",
                shop.stableApp.endpoint().orElseThrow(),
                shop.canaryApp.endpoint().orElseThrow());
        line(
                "  order-service      order-1 on %s (calls user-service and inventory-service)",
                shop.orderApp.endpoint().orElseThrow());
        shop.notificationApp.ifPresent(app -> line(
                "  notification-service on %s (a @Subscribe method of its exported bean: one confirmation per order)",
                app.endpoint().orElseThrow()));
        line(
                "  shop-client        %d buyers placing orders (user 4 is a beta tester: tagged 'canary')",
                ShopTraffic.BUYERS);
        line(
                "  shop-browser       %d threads reading order counts faster than order-service allows",
                ShopTraffic.BROWSERS);
        shop.kafka.ifPresent(kafka -> line(
                "Events: order-service publishes OrderPlaced on topic %s of the embedded Kafka (KRaft, in this JVM)"
                        + " at %s; inventory-service (both instances, one group) and notification-service subscribe",
                OrderPlaced.TOPIC, kafka));
        line("Prometheus endpoint of order-service while the demo runs: %s", shop.prometheusUrl);
        line(
                "Admin endpoint of order-service while the demo runs: http://127.0.0.1:%d/references (also"
                        + " /health/ready, /services, /config, /metrics)",
                shop.orderApp.adminPort().orElseThrow());
        DemoConsole.registry(registry, embedded);
        System.out.println();
    }

    void tracedOrder(String traceId) {
        this.traceId = traceId;
    }

    void orderEvents(OrderEventsWatch.Result result) {
        this.orderEvents = result;
    }

    void user2Stopped(double atSeconds) {
        this.user2StoppedAt = atSeconds;
    }

    void metrics(String scrape, CircuitWatch watch) {
        this.metrics = scrape;
        this.watch = watch;
    }

    /** Prints the summary and judges the checks; call once, after the run. */
    List<Check> printSummary() throws InterruptedException {
        System.out.println();
        System.out.println("== Summary");
        System.out.println(DemoConsole.registrySummary(registry, embeddedRegistry));
        instances();
        latency();
        canary();
        rateLimiter();
        circuitBreaker();
        providerStop();
        serverStream();
        orderPlacedEvents();
        traces();
        check(
                "the Prometheus endpoint served Courier's metrics",
                metrics.contains("courier_rpc_calls_total"),
                shop.prometheusUrl);

        System.out.println();
        System.out.println("Checks:");
        for (Check check : checks) {
            line(
                    "  [%s] %s%s",
                    check.passed() ? "PASS" : "FAIL", check.name(), check.passed() ? "" : " (" + check.detail() + ")");
        }
        return List.copyOf(checks);
    }

    private void instances() {
        System.out.println("Calls executed per service instance (warm-up included):");
        line(
                "  order-service      order-1: %,d placeOrder + %,d orderCount",
                shop.orderService.placed(), shop.orderService.counted());
        line(
                "  user-service       user-1: %,d   user-2: %,d (stopped at %.1f s)",
                shop.user1.found(), shop.user2.found(), user2StoppedAt);
        line(
                "  inventory-service  inventory-stable: %,d   inventory-canary: %,d",
                shop.stable.served(), shop.canary.served());
        check(
                "every instance executed calls",
                shop.user1.found() > 0
                        && shop.user2.found() > 0
                        && shop.stable.served() > 0
                        && shop.canary.served() > 0,
                "see the counts above");
    }

    private void latency() {
        System.out.println();
        line("Latency, as each caller measured it (HdrHistogram):");
        line("  %-44s %8s %9s %9s %9s %9s", "hop", "calls", "p50", "p90", "p99", "max");
        for (String hop : List.of(ShopStats.PLACE_ORDER, ShopStats.FIND_USER, ShopStats.RESERVE)) {
            Histogram h = stats.latency(hop);
            line(
                    "  %-44s %,8d %9s %9s %9s %9s",
                    hop,
                    h.getTotalCount(),
                    ms(h.getValueAtPercentile(50)),
                    ms(h.getValueAtPercentile(90)),
                    ms(h.getValueAtPercentile(99)),
                    ms(h.getMaxValue()));
        }
        long orders = stats.total(ORDERS);
        check(
                "orders were placed",
                orders > 0 && stats.latency(ShopStats.PLACE_ORDER).getTotalCount() > 0,
                orders + " orders");
    }

    private void canary() {
        long orders = stats.total(ORDERS);
        long reservedOnCanary = stats.total(RESERVED_ON_CANARY);
        System.out.println();
        long tagged = stats.total(CANARY_ORDERS);
        // While the canary's circuit was open, tag routing sent tagged reservations to the stable instance.
        long fellBack = Math.max(0, tagged - reservedOnCanary);
        line(
                "Canary: %,d of %,d orders reserved on inventory-canary; %,d orders were tagged 'canary'; %,d tagged"
                        + " reservations fell back to inventory-stable (the canary's circuit open, or the order failed)",
                reservedOnCanary, orders - stats.total(FAILED_ORDERS), tagged, fellBack);
        check(
                "only tagged orders reached the canary",
                reservedOnCanary > 0 && reservedOnCanary <= tagged,
                reservedOnCanary + " on the canary, " + tagged + " tagged");
    }

    private void rateLimiter() {
        double limited = Prometheus.sum(
                metrics,
                "courier_rpc_rejections_total",
                "side=\"provider\"",
                "method=\"orderCount\"",
                "reason=\"rate-limited\"");
        // A refusal by the operator's limit is the limit working: counted apart, never as an error.
        double errors =
                Prometheus.sum(metrics, "courier_rpc_errors_total", "side=\"provider\"", "method=\"orderCount\"");
        System.out.println();
        line(
                "Rate limiter (order-service, orderCount at " + ShopSystem.RATE_LIMIT
                        + " calls/s): %,d answered, %,d refused with RATE_LIMITED"
                        + " (Prometheus courier_rpc_rejections_total{reason=\"rate-limited\"}: %,.0f;"
                        + " courier_rpc_errors_total: %,.0f, refusals are not errors)",
                stats.total(COUNTS_ANSWERED),
                stats.total(COUNTS_REFUSED),
                limited,
                errors);
        check(
                "the rate limiter refused calls",
                stats.total(COUNTS_REFUSED) > 0
                        && limited > 0
                        && stats.total(COUNTS_FAILED) == 0
                        && errors == 0
                        && stats.total(NEWCOMER_ANSWERED) == 1,
                stats.total(COUNTS_FAILED) + " failed otherwise, " + errors + " counted as errors, newcomer answered: "
                        + stats.total(NEWCOMER_ANSWERED));
    }

    private void circuitBreaker() {
        double opened = Prometheus.sum(metrics, "courier_circuit_transitions_total", "state=\"OPEN\"");
        double closed = Prometheus.sum(metrics, "courier_circuit_transitions_total", "state=\"CLOSED\"");
        System.out.println();
        line(
                "Circuit breaker (order-service -> inventory; calls of %d ms or more count as slow; inventory-canary"
                        + " was %d ms slower for a while): opened %.0f time(s), closed %.0f time(s)"
                        + " (courier_circuit_transitions_total)",
                ShopSystem.SLOW_CALL_MILLIS, ShopScenario.SLOW_MILLIS, opened, closed);
        check(
                "a circuit opened and closed again",
                opened > 0 && closed > 0 && watch.endedClosed(shop.canary.instance()),
                "the canary's circuit must open, then end CLOSED; it ended " + watch.state(shop.canary.instance()));
    }

    private void providerStop() {
        long orders = stats.total(ORDERS);
        long failed = stats.total(FAILED_ORDERS);
        System.out.println();
        line(
                "Provider stop: user-2 closed at %.1f s while orders flowed; %,d of %,d orders failed",
                user2StoppedAt, failed, orders);
        check("no order failed, with user-2 stopped mid-run", user2StoppedAt > 0 && failed == 0, failed + " failed");
    }

    private void serverStream() {
        System.out.println();
        line(
                "Server stream (OrderService.orderEvents, user %d, requested %d at a time): %d of %d own orders"
                        + " placed, %d events received (the buyers' orders of user %d included)",
                OrderEventsWatch.USER,
                OrderEventsWatch.BATCH,
                orderEvents.placed().size(),
                OrderEventsWatch.ORDERS,
                orderEvents.received().size(),
                OrderEventsWatch.USER);
        check(
                "a server stream delivered the events of the orders placed, in order, until cancelled",
                orderEvents.passed(),
                orderEvents.detail());
    }

    /** The two traces: the order traced by the client, and the one placed through the HTTP gateway. */
    private void traces() throws InterruptedException {
        System.out.println();
        List<SpanData> spans = OrderTrace.await(traceId);
        line("Trace %s, followed across the services and the order's event (from the OpenTelemetry SDK):", traceId);
        OrderTrace.print(spans);
        String root = spans.stream()
                .filter(span -> span.getParentSpanId().equals(OrderTrace.ROOT_PARENT))
                .map(SpanData::getSpanId)
                .findFirst()
                .orElse(OrderTrace.ROOT_PARENT);
        String eventChain = OrderTrace.missingLink(spans, root);
        check(
                "one trace crossed order-service, user-service, inventory-service and the OrderPlaced event to both"
                        + " subscribers",
                OrderTrace.serverSpan(spans, "OrderService")
                        && OrderTrace.serverSpan(spans, "UserService")
                        && OrderTrace.serverSpan(spans, "InventoryService")
                        && eventChain.isEmpty(),
                spans.size() + " spans" + (eventChain.isEmpty() ? "" : "; " + eventChain));

        System.out.println();
        List<SpanData> httpSpans = OrderTrace.await(httpTrace.getTraceId());
        line("Trace %s of the order placed through the HTTP gateway:", httpTrace.getTraceId());
        OrderTrace.print(httpSpans);
        String httpChain = OrderTrace.missingLink(httpSpans, httpTrace.getSpanId());
        check(
                "one trace from an HTTP request through the gateway, order-service and the OrderPlaced event to both"
                        + " subscribers",
                httpTrace.isValid() && httpChain.isEmpty(),
                httpSpans.size() + " spans; " + httpChain);
    }

    /**
     * The order's events: every order acknowledged (its event stored), and each subscribing service
     * with exactly one effect per acknowledged order. Waits up to {@value #EVENTS_WAIT_SECONDS} s for
     * the subscribers to catch up.
     */
    private void orderPlacedEvents() throws InterruptedException {
        Set<Long> announced = shop.orderService.announced();
        List<SubscriberLedger> ledgers = List.of(shop.inventoryLedger, shop.notifications.ledger);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EVENTS_WAIT_SECONDS);
        while (!ledgers.stream().allMatch(ledger -> ledger.covers(announced)) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
        }
        System.out.println();
        line(
                "OrderPlaced events (topic %s, keyed by user): %,d of %,d orders placed by order-1 had their event"
                        + " acknowledged by the broker",
                OrderPlaced.TOPIC, announced.size(), shop.orderService.placed());
        StringBuilder discrepancies = new StringBuilder();
        for (SubscriberLedger ledger : ledgers) {
            line(
                    "  %-21s %,d delivered, %,d orders handled, %,d redeliveries skipped by the idempotent consumer",
                    ledger.service(),
                    ledger.deliveries(),
                    ledger.ordersHandled(),
                    ledger.deliveries() - ledger.ordersHandled());
            String wrong = ledger.discrepancies(announced);
            if (!wrong.isEmpty()) {
                discrepancies.append(discrepancies.isEmpty() ? "" : "; ").append(wrong);
            }
        }
        line(
                "  inventory-service's group split the orders: inventory-stable picked %,d, inventory-canary %,d",
                shop.stable.picked(), shop.canary.picked());
        boolean allAnnounced = announced.size() == shop.orderService.placed();
        check(
                "every order's OrderPlaced event was handled exactly once by inventory-service and by"
                        + " notification-service",
                !announced.isEmpty() && allAnnounced && discrepancies.isEmpty(),
                (allAnnounced ? "" : "not every order's event was acknowledged; ") + discrepancies);
    }

    /**
     * Places one order through the HTTP gateway, as the printed curl line does, inside a traced HTTP
     * client span whose {@code traceparent} the request carries.
     */
    void gateway(DemoGateway gateway) throws InterruptedException {
        System.out.println();
        System.out.println("HTTP gateway: " + gateway.base() + "/docs  (every service, with a form to call it)");
        System.out.println("Place an order while the demo runs:");
        System.out.println("  " + gateway.curl(1));
        String detail;
        boolean passed;
        Span http = DemoTracing.startHttpRoot();
        try {
            HttpResponse<String> answer = gateway.placeOrder(1, DemoTracing.traceHeaders(http));
            passed = answer.statusCode() == 200 && answer.body().contains("\"sku\":\"book\"");
            detail = answer.statusCode() + " " + answer.body();
        } catch (IOException e) {
            passed = false;
            detail = e.toString();
        } finally {
            http.end();
        }
        httpTrace = http.getSpanContext();
        System.out.println("  -> " + detail);
        check("an order placed through the HTTP gateway", passed, detail);
    }

    private void check(String name, boolean passed, String detail) {
        checks.add(new Check(name, passed, detail));
    }

    static String ms(long micros) {
        return String.format("%.2f ms", micros / 1000.0);
    }

    static void line(String format, Object... args) {
        System.out.println(String.format(format, args));
    }
}
