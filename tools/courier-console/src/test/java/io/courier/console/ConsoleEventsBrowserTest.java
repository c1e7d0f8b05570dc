package io.courier.console;

import static io.courier.console.BrowserWaits.logIn;
import static io.courier.console.BrowserWaits.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.courier.api.event.EventPublisher;
import io.courier.api.event.Subscription;
import io.courier.api.event.SubscriptionOptions;
import io.courier.bootstrap.Courier;
import io.courier.testkit.DevTools;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The console's Events page in headless Chromium: an application on a real ZooKeeper with its events
 * on the embedded Kafka has a subscription paused with {@link #UNCONSUMED} events not yet handled;
 * the page shows its topic and dead-letter topic, its group with that exact lag, partition by
 * partition, and the paused state, and the lag falls to 0 once the subscription resumes. The page
 * answers nothing before login, and runs under the console's CSP with no script error. The page is
 * written as {@code target/console-screenshots/events.png}. Skipped where Chromium is not installed,
 * except under CI (CI=true).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ConsoleEventsBrowserTest {

    static final String TOKEN = "console-events-token-0123456789";
    static final int UNCONSUMED = 5;
    static final int HANDLED_FIRST = 4;
    static final ObjectMapper JSON = new ObjectMapper();

    /** An order, the event. */
    public record Invoice(String id, long cents) {}

    @Test
    void eventsPage_showsTopicsGroupsAndTheLagOfAPausedSubscription() throws Exception {
        DevTools.chromiumOrSkip();
        try (TestingServer zookeeper = new TestingServer(true);
                Courier app = Courier.builder()
                        .application("billing")
                        .registry("zookeeper://" + zookeeper.getConnectString())
                        .host("127.0.0.1")
                        .port(0)
                        .property("courier.admin.port", "0")
                        .property("courier.events.kafka.partitions", "3")
                        .shutdownHook(false)
                        .start()) {
            AtomicInteger handled = new AtomicInteger();
            Subscription subscription = app.events()
                    .subscribe(
                            SubscriptionOptions.builder("invoices", "billing", Invoice.class)
                                    .build(),
                            event -> handled.incrementAndGet());
            EventPublisher<Invoice> publisher = app.events().publisher("invoices", Invoice.class);
            publish(publisher, "a", HANDLED_FIRST);
            await().atMost(Duration.ofSeconds(45)).until(() -> handled.get() == HANDLED_FIRST);
            subscription.pause();
            publish(publisher, "b", UNCONSUMED);

            String admin = "127.0.0.1:" + app.adminPort().orElseThrow();
            try (Console console = Console.start(ConsoleOptions.builder()
                            .zookeeper(zookeeper.getConnectString())
                            .port(0)
                            .token(TOKEN)
                            .adminEndpoints(List.of(admin))
                            .build());
                    DevTools browser = DevTools.launch(DevTools.chromium())) {
                // the view is an operator's: nothing without a session
                HttpResponse<String> anonymous = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(console.url() + "api/events"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(anonymous.statusCode()).isEqualTo(401);

                ObjectNode viewport = JSON.createObjectNode()
                        .put("width", ConsoleBrowserTest.WIDTH)
                        .put("height", ConsoleBrowserTest.HEIGHT)
                        .put("deviceScaleFactor", 1)
                        .put("mobile", false);
                browser.send("Emulation.setDeviceMetricsOverride", viewport);
                browser.navigate(console.url());
                waitFor(browser, "document.body.dataset.ready === 'true' && !document.querySelector('#login').hidden");
                logIn(browser, "alice", TOKEN);
                waitFor(browser, "!document.querySelector('#app').hidden");
                browser.evaluate("document.querySelector('#tabs a[data-view=\"events\"]').click()");
                waitFor(browser, "!document.querySelector('#view-events').hidden");

                String group = "document.querySelector('[data-group=\"invoices/billing\"]')";
                waitFor(
                        browser,
                        group + " !== null && " + group + ".querySelector('.group-lag').dataset.lag === '" + UNCONSUMED
                                + "'");
                assertThat(browser.evaluate(group + ".querySelector('.sub-head').textContent"))
                        .contains("paused")
                        .contains("Stable");
                assertThat(browser.evaluate(group + ".querySelectorAll('tr[data-partition]').length"))
                        .isEqualTo("3");
                // each partition's lag is its end minus its committed offset (none committed on a partition no
                // event went to: from its start, 0); together they are the unconsumed events
                assertThat(
                                browser.evaluate(
                                        "String([..." + group + ".querySelectorAll('tr[data-partition]')]"
                                                + ".every(r => { const c = r.querySelector('.committed').textContent;"
                                                + " return Number(r.querySelector('.lag').textContent)"
                                                + " === Number(r.querySelector('.end').textContent) - (c === '—' ? 0 : Number(c)); }))"))
                        .isEqualTo("true");
                assertThat(browser.evaluate("String([..." + group + ".querySelectorAll('tr[data-partition] .lag')]"
                                + ".reduce((n, c) => n + Number(c.textContent), 0))"))
                        .isEqualTo(Integer.toString(UNCONSUMED));
                assertThat(
                                browser.evaluate(
                                        "document.querySelector('#events-topics tr[data-topic=\"invoices\"] .written').textContent"))
                        .isEqualTo(Integer.toString(HANDLED_FIRST + UNCONSUMED));
                assertThat(browser.evaluate(
                                "document.querySelector('#events-topics tr[data-topic=\"invoices.dlt\"]').textContent"))
                        .contains("dead letters");
                assertThat(browser.evaluate("document.querySelector('[data-tile=\"lag\"] .tile-value').textContent"))
                        .isEqualTo(Integer.toString(UNCONSUMED));
                Files.createDirectories(ConsoleBrowserTest.SCREENSHOTS);
                ConsoleBrowserTest.screenshot(browser, "events");

                // resumed: the page's next polls show the group catch up
                subscription.resume();
                waitFor(browser, group + ".querySelector('.group-lag').dataset.lag === '0'");
                assertThat(browser.evaluate(group + ".querySelector('.sub-head').textContent"))
                        .doesNotContain("paused");
                assertThat(handled.get()).isEqualTo(HANDLED_FIRST + UNCONSUMED);
                assertThat(browser.evaluate("document.body.dataset.error || ''"))
                        .isEmpty();
            }
        }
    }

    private static void publish(EventPublisher<Invoice> publisher, String prefix, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            publisher.publish(prefix + i, new Invoice(prefix + i, 100L * i)).get();
        }
    }
}
