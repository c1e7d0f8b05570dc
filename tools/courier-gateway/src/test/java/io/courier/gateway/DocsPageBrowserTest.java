package io.courier.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.ServiceOptions;
import io.courier.bootstrap.Courier;
import io.courier.bootstrap.CourierBuilder;
import io.courier.gateway.fixtures.CountingOrderDesk;
import io.courier.gateway.fixtures.OrderDesk;
import io.courier.testkit.DevTools;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real browser on the docs page: headless Chromium opens /docs, finds the service, fills the form
 * of a method, sends it and sees the provider's answer. Skipped where Chromium is not installed,
 * except under CI (CI=true), where its absence fails the test.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DocsPageBrowserTest {

    static GatewayFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        DevTools.chromiumOrSkip();
        fixture = GatewayFixture.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void docsPage_findsTheService_andSendsACallFromTheForm() throws Exception {
        String service = OrderDesk.class.getName();
        try (DevTools browser = DevTools.launch(DevTools.chromium())) {
            browser.navigate(fixture.uri("/docs").toString());
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> browser.evaluate(
                                    "String(document.querySelector('[data-service=\"" + service + "\"]') !== null)")
                            .equals("true"));
            String typed = browser.evaluate("(() => {"
                    + "const op = document.querySelector('[data-path=\"/" + service + "/echo\"]');"
                    + "op.open = true;"
                    + "const field = op.querySelector('textarea[name=\"text\"]');"
                    + "field.value = JSON.stringify('typed in Chromium');"
                    + "op.querySelector('button.send').click();"
                    + "return field.name; })()");
            assertThat(typed).isEqualTo("text");
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> browser.evaluate("document.querySelector('[data-path=\"/" + service
                                    + "/echo\"] .answer').textContent")
                            .contains("typed in Chromium"));
            assertThat(browser.evaluate(
                            "document.querySelector('[data-path=\"/" + service + "/echo\"] .status').textContent"))
                    .startsWith("200");
        }
        assertThat(fixture.desk.calls.get()).isPositive();
    }

    /**
     * A page of the gateway's own origin reads a server stream with the browser's {@code
     * EventSource}: every message in order, then the end event, after which it does not reconnect.
     */
    @Test
    void eventSource_readsAServerStream() throws Exception {
        String feed = io.courier.gateway.fixtures.Feed.class.getName();
        int opened = fixture.feed.opened.get();
        try (DevTools browser = DevTools.launch(DevTools.chromium())) {
            browser.navigate(fixture.uri("/docs").toString());
            browser.evaluate("(() => { window.got = []; window.ended = false;"
                    + " const source = new EventSource('/" + feed + "/count?from=1&to=20');"
                    + " source.onmessage = (e) => window.got.push(JSON.parse(e.data));"
                    + " source.addEventListener('end', () => { window.ended = true; source.close(); });"
                    + " return 'opened'; })()");
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> browser.evaluate("String(window.ended)").equals("true"));
            assertThat(browser.evaluate("window.got.join(',')"))
                    .isEqualTo("1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20");
        }
        assertThat(fixture.feed.opened.get()).isEqualTo(opened + 1);
    }

    /**
     * Service keys planted in the registry whose group begins with a backslash, {@code %2f} or a tab
     * (a backslash path {@code /\host/...} is {@code //host/...} to a browser): the page builds each
     * call's URL from percent-encoded segments and sends every one to its own origin, where the gateway
     * routes it to the planted service itself.
     */
    @Test
    void plantedServiceKeys_sendNothingOffOrigin() throws Exception {
        List<String> groups = List.of("\\127.0.0.1", "%2f%2f127.0.0.1", "\t\\127.0.0.1");
        CountingOrderDesk planted = new CountingOrderDesk();
        CourierBuilder builder = Courier.builder()
                .application("planted")
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .registry("zookeeper://" + fixture.zooKeeper.getConnectString());
        for (String group : groups) {
            builder.export(planted, ServiceOptions.builder().group(group).build());
        }
        try (Courier provider = builder.start();
                DevTools browser = DevTools.launch(DevTools.chromium())) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            fixture.get("/openapi.json").body().contains("127.0.0.1/" + OrderDesk.class.getName()));
            browser.navigate(fixture.uri("/docs").toString());
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> browser.evaluate("String(document.querySelectorAll('[data-path$=\"/echo\"]').length)")
                            .equals(String.valueOf(groups.size() + 1)));
            // every URL the page asks for is recorded, then each planted service's echo is sent
            browser.evaluate("(() => { window.sent = []; const real = window.fetch;"
                    + " window.fetch = (url, init) => { window.sent.push(String(url)); return real(url, init); };"
                    + " document.querySelectorAll('[data-path$=\"/echo\"]').forEach((op) => {"
                    + "   op.open = true;"
                    + "   op.querySelector('textarea[name=\"text\"]').value = JSON.stringify('planted');"
                    + "   op.querySelector('button.send').click(); });"
                    + " return 'sent'; })()");
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> browser.evaluate(
                                    "String([...document.querySelectorAll('[data-path$=\"/echo\"] .status')]"
                                            + ".every((s) => s.textContent.startsWith('200')))")
                            .equals("true"));
            assertThat(browser.evaluate("String(window.sent.length)")).isEqualTo(String.valueOf(groups.size() + 1));
            assertThat(browser.evaluate(
                            "String(window.sent.every((u) => new URL(u, location.href).origin === location.origin))"))
                    .isEqualTo("true");
        }
        assertThat(planted.calls.get()).isEqualTo(groups.size());
    }
}
