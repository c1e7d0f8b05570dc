package io.courier.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.courier.api.Endpoint;
import io.courier.api.ReferenceOptions;
import io.courier.bootstrap.Courier;
import io.courier.observability.fixtures.BackService;
import io.courier.testkit.ChildJvm;
import io.courier.testkit.RestartPorts;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The product's rules live: Debian's Prometheus scrapes a consumer (in this JVM) and its provider (a
 * JVM of its own) every second and sends alerts to Debian's Alertmanager, whose webhook is this test.
 * The provider is killed while the consumer keeps calling: {@code CourierNoReadyProvider} must reach
 * the webhook within the rule's {@code for:} plus two scrape intervals (plus one evaluation and
 * Alertmanager's dispatch), and resolve once the provider is back. The rule is the product's, with
 * {@code for:} shortened from a minute to {@value #FOR_SECONDS} s so that the test stays short. Every
 * query of the Grafana dashboard is also run here, against real series.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PrometheusAlertingTest {

    private static final int FOR_SECONDS = 5;
    private static final String ALERT = "CourierNoReadyProvider";

    @Test
    void providerKilled_firesNoReadyProvider_atTheWebhook_andItResolvesWhenTheProviderReturns() throws Exception {
        // the provider returns on the same ports, which Prometheus and the consumer keep connecting to while it
        // is down: below the ephemeral range, so that none of those connections can take one meanwhile
        int providerPort = RestartPorts.pick();
        int providerMetrics = RestartPorts.pick();
        int consumerMetrics = PrometheusStack.freePort();
        AtomicBoolean calling = new AtomicBoolean(true);
        ChildJvm provider = startProvider(providerPort, providerMetrics);
        try (AlertWebhook webhook = new AlertWebhook();
                PrometheusStack prometheus = PrometheusStack.start(
                        rulesWithShortFor(),
                        Map.of("shop", "127.0.0.1:" + consumerMetrics, "stock", "127.0.0.1:" + providerMetrics),
                        webhook.url());
                Courier consumer = Courier.builder()
                        .application("shop")
                        .shutdownHook(false)
                        .property("courier.filter.metrics.enabled", "true")
                        .property("courier.filter.metrics.prometheus.enabled", "true")
                        .property("courier.filter.metrics.prometheus.port", Integer.toString(consumerMetrics))
                        .start()) {
            BackService stock = consumer.reference(
                    BackService.class,
                    ReferenceOptions.builder()
                            .directEndpoints(List.of(Endpoint.of("127.0.0.1", providerPort)))
                            .timeoutMillis(500)
                            .build());
            Thread caller = new Thread(() -> callUntilStopped(stock, calling), "alerting-test-caller");
            caller.start();
            try {
                assertThat(provider.awaitLine(AlertingProvider.READY::equals, Duration.ofSeconds(30)))
                        .as(provider.output())
                        .isTrue();
                String ready = "courier_cluster_ready{job=\"shop\",service=\"" + BackService.class.getName() + "\"}";
                prometheus.awaitValue(ready, "1", Duration.ofSeconds(30));
                prometheus.awaitValue("sum(up{job=~\"shop|stock\"})", "2", Duration.ofSeconds(10));
                assertDashboardQueriesRun(prometheus);

                long killed = System.nanoTime();
                provider.close();
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> webhook.first(ALERT, "firing", killed).isPresent());
                AlertWebhook.Received fired =
                        webhook.first(ALERT, "firing", killed).orElseThrow();
                Duration toFire = Duration.ofNanos(fired.nanoTime() - killed);
                assertThat(fired.labels().path("service").asText()).isEqualTo(BackService.class.getName());
                assertThat(fired.labels().path("severity").asText()).isEqualTo("critical");
                // for: + two scrape intervals, as promised; plus one evaluation interval and 1 s for Alertmanager's
                // dispatch, both of which lie between the condition and the webhook
                Duration bound = Duration.ofSeconds(FOR_SECONDS)
                        .plus(PrometheusStack.SCRAPE_INTERVAL.multipliedBy(3))
                        .plusSeconds(1);
                System.out.println("PrometheusAlertingTest: " + ALERT + " reached the webhook " + toFire.toMillis()
                        + " ms after the provider was killed (for: " + FOR_SECONDS + " s, scrape interval "
                        + PrometheusStack.SCRAPE_INTERVAL.toMillis() + " ms, bound " + bound.toMillis() + " ms)");
                assertThat(toFire).isLessThanOrEqualTo(bound);

                long restarted = System.nanoTime();
                provider = startProvider(providerPort, providerMetrics);
                await().atMost(Duration.ofSeconds(40))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> webhook.first(ALERT, "resolved", restarted).isPresent());
                System.out.println("PrometheusAlertingTest: resolved "
                        + Duration.ofNanos(webhook.first(ALERT, "resolved", restarted)
                                                .orElseThrow()
                                                .nanoTime()
                                        - restarted)
                                .toMillis()
                        + " ms after the provider's JVM was started again");
            } finally {
                calling.set(false);
                caller.join(5_000);
            }
        } finally {
            provider.close();
        }
    }

    private static void assertDashboardQueriesRun(PrometheusStack prometheus) throws Exception {
        for (String query : DashboardTest.queries()) {
            JsonNode answer = prometheus.query(query);
            assertThat(answer.path("status").asText())
                    .as("%s: %s", query, answer)
                    .isEqualTo("success");
        }
        JsonNode calls = prometheus.query("courier_rpc_calls_total{job=\"shop\"}");
        assertThat(calls.path("data").path("result").size())
                .as("the consumer's calls are scraped")
                .isPositive();
    }

    private static ChildJvm startProvider(int port, int metricsPort) {
        return ChildJvm.start(AlertingProvider.class, List.of(), Integer.toString(port), Integer.toString(metricsPort));
    }

    private static void callUntilStopped(BackService stock, AtomicBoolean calling) {
        for (int i = 0; i < 100_000 && calling.get(); i++) {
            try {
                stock.traceId("tick");
            } catch (RuntimeException e) {
                // the provider is down: the failure is what the alert is about
            }
            try {
                Thread.sleep(50); // the pace of a steady caller, not a wait for a condition
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The product's rules file with the alert's {@code for: 1m} shortened. */
    private static String rulesWithShortFor() throws Exception {
        String rules = Files.readString(DebianTools.RULES_DIR.resolve("courier-rules.yml"));
        Matcher alert = Pattern.compile("- alert: " + ALERT + "\\n(.*?\\n)(\\s+)for: 1m\\n", Pattern.DOTALL)
                .matcher(rules);
        assertThat(alert.find()).as("the rule of " + ALERT + " has for: 1m").isTrue();
        return rules.substring(0, alert.start())
                + "- alert: " + ALERT + "\n" + alert.group(1) + alert.group(2) + "for: " + FOR_SECONDS + "s\n"
                + rules.substring(alert.end());
    }
}
