package io.courier.console;

import static io.courier.console.BrowserWaits.logIn;
import static io.courier.console.BrowserWaits.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.courier.console.fixtures.Orders;
import io.courier.console.fixtures.Stock;
import io.courier.console.fixtures.Users;
import io.courier.testkit.DevTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The console's live pages in a real browser, while the shop's traffic runs: headless Chromium logs
 * in, sees a service's charts move (the newest point and its value read twice from the page
 * differ), sees the topology with the three services' edges and their rates, and opens the order
 * service's instance detail (connections, the providers it calls with their weights, breakers and
 * ejection). Each page is written as a screenshot under {@code target/console-screenshots/}.
 * Skipped where Chromium is not installed, except under CI (CI=true), where its absence fails.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ConsoleLiveViewTest {

    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    static final int WIDTH = 1440;
    static final int HEIGHT = 1000;
    static final ObjectMapper JSON = new ObjectMapper();

    static ConsoleFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        DevTools.chromiumOrSkip();
        fixture = ConsoleFixture.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void operator_seesChartsMove_theTopologyWithItsEdges_andAnInstancesDetail() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        try (DevTools browser = DevTools.launch(DevTools.chromium())) {
            ObjectNode viewport = JSON.createObjectNode()
                    .put("width", WIDTH)
                    .put("height", HEIGHT)
                    .put("deviceScaleFactor", 1)
                    .put("mobile", false);
            browser.send("Emulation.setDeviceMetricsOverride", viewport);
            browser.navigate(fixture.console.url());
            waitFor(browser, "document.body.dataset.ready === 'true' && !document.querySelector('#login').hidden");
            screenshot(browser, "login");
            logIn(browser, "alice", ConsoleFixture.TOKEN);

            // a service's charts: the newest point changes while the traffic runs
            String stock = Stock.class.getName();
            waitFor(browser, "document.querySelector('[data-service=\"" + stock + "\"] a') !== null");
            browser.evaluate("document.querySelector('[data-service=\"" + stock + "\"] a').click()");
            String calls = "document.querySelector('#service-charts [data-metric=\"calls\"] .chart-value')";
            waitFor(browser, calls + " !== null && Number(" + calls + ".dataset.value) > 0");
            String first = browser.evaluate(calls + ".dataset.at + ' ' + " + calls + ".dataset.value");
            waitFor(browser, calls + ".dataset.at + ' ' + " + calls + ".dataset.value !== '" + first + "'");
            String second = browser.evaluate(calls + ".dataset.at + ' ' + " + calls + ".dataset.value");
            assertThat(second.split(" ")[1]).isNotEqualTo(first.split(" ")[1]);
            assertThat(Double.parseDouble(second.split(" ")[1])).isPositive();
            // both inventory instances are drawn, and each provider row shows its rate
            waitFor(
                    browser,
                    "document.querySelectorAll('#service-charts [data-metric=\"calls\"] path.line').length === 3");
            waitFor(
                    browser,
                    "[...document.querySelectorAll('#providers td.calls')].every(c => Number(c.textContent) > 0)");
            waitFor(browser, "Number(" + calls + ".dataset.points) >= 4"); // a line worth a screenshot
            assertThat(browser.evaluate(
                            "document.querySelector('#service-charts [data-metric=\"p99\"] .chart-value').textContent"))
                    .matches(".*(ms|µs)");
            screenshot(browser, "service");

            // the topology: four applications, the three services' edges, each with the caller's rate
            browser.evaluate("location.hash = '#/topology'");
            String orders = Orders.class.getName();
            String users = Users.class.getName();
            waitFor(browser, "document.querySelectorAll('#topology .node').length === 4");
            for (String[] edge : new String[][] {
                {"shop-client", "order-service", orders},
                {"order-service", "inventory-service", stock},
                {"order-service", "user-service", users}
            }) {
                String label = "document.querySelector('#topology .edge[data-from=\"" + edge[0] + "\"][data-to=\""
                        + edge[1] + "\"][data-service=\"" + edge[2] + "\"] .edge-label')";
                waitFor(browser, label + " !== null && Number(" + label + ".dataset.rate) > 0");
            }
            assertThat(browser.evaluate("document.querySelectorAll('#topology .edge').length"))
                    .isEqualTo("3");
            // one order in FAILING_EVERY fails in the order service: its callers' edge shows errors
            waitFor(
                    browser,
                    "document.querySelector('#topology .edge[data-service=\"" + orders
                            + "\"]').classList.contains('edge-errors')");
            waitFor(browser, "document.querySelectorAll('#instances tr[data-admin]').length === 5");
            screenshot(browser, "topology");

            // an instance's detail, opened from its node
            String admin = ConsoleFixture.admin(fixture.ordersApp);
            browser.evaluate("document.querySelector('#topology .node[data-application=\"order-service\"]')"
                    + ".dispatchEvent(new MouseEvent('click', {bubbles: true}))");
            waitFor(browser, "location.hash === '#/instance/" + admin.replace(":", "%3A") + "'");
            waitFor(
                    browser,
                    "document.querySelector('#instance-title').textContent === 'order-service · " + admin + "'");
            waitFor(
                    browser,
                    "Number(document.querySelector('[data-tile=\"connections\"] .tile-value').textContent) >= 1");
            String stockProviders = "document.querySelectorAll('#instance-references .reference[data-service=\"" + stock
                    + "\"] tr[data-provider]')";
            waitFor(browser, stockProviders + ".length === 2");
            waitFor(
                    browser,
                    "[..." + stockProviders + "].every(r => r.querySelector('.weight').textContent === '100'"
                            + " && r.textContent.includes('ready') && r.querySelector('.breakers').textContent === 'none')");
            // each provider it calls links to that provider's own instance page
            waitFor(browser, "[..." + stockProviders + "].every(r => r.querySelector('a.instance-link') !== null)");
            assertThat(browser.evaluate("document.querySelector('[data-tile=\"breakers\"] .tile-value').textContent"))
                    .isEqualTo("0");
            assertThat(browser.evaluate("document.querySelector('[data-tile=\"ejected\"] .tile-value').textContent"))
                    .isEqualTo("0");
            waitFor(
                    browser,
                    "Number(document.querySelector('#instance-exports [data-service=\"" + orders
                            + "\"] [data-metric=\"errors\"] .chart-value').dataset.value) > 0");
            screenshot(browser, "instance");

            browser.evaluate("location.hash = '#/audit'");
            waitFor(browser, "!document.querySelector('#view-audit').hidden");
            screenshot(browser, "audit");
            assertThat(browser.evaluate("document.body.dataset.error || ''")).isEmpty();
        }
    }

    /** The whole page, not only the viewport, as {@code target/console-screenshots/<name>.png}. */
    private static void screenshot(DevTools browser, String name) throws Exception {
        int height = Integer.parseInt(browser.evaluate("String(document.documentElement.scrollHeight)"));
        ObjectNode params = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        params.putObject("clip")
                .put("x", 0)
                .put("y", 0)
                .put("width", WIDTH)
                .put("height", Math.max(HEIGHT, height))
                .put("scale", 1);
        String data =
                browser.send("Page.captureScreenshot", params).path("data").asText();
        Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode(data));
    }
}
