package io.courier.observability;

import io.courier.bootstrap.Courier;
import io.courier.observability.fixtures.Back;

/**
 * The provider of {@link PrometheusAlertingTest}, in a JVM of its own so that the test can kill it:
 * {@code AlertingProvider <courier port> <metrics port>}. Prints {@value #READY} once it serves.
 */
public final class AlertingProvider {

    static final String READY = "alerting provider ready";

    private AlertingProvider() {}

    public static void main(String[] args) throws InterruptedException {
        Courier.builder()
                .application("stock")
                .host("127.0.0.1")
                .port(Integer.parseInt(args[0]))
                .property("courier.filter.metrics.enabled", "true")
                .property("courier.filter.metrics.prometheus.enabled", "true")
                .property("courier.filter.metrics.prometheus.port", args[1])
                .export(new Back())
                .start();
        System.out.println(READY);
        Thread.currentThread().join(); // until killed
    }
}
