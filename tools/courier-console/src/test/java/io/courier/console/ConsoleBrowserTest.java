package io.courier.console;

import static io.courier.console.BrowserWaits.logIn;
import static io.courier.console.BrowserWaits.polling;
import static io.courier.console.BrowserWaits.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.courier.bootstrap.Courier;
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
 * The console in a real browser, against the shop of {@link ConsoleFixture}. First test: headless
 * Chromium refuses a wrong token, logs in, finds both inventory providers, turns one's weight down to
 * 0 and the providers' own call counters show its share fall to nothing, rolls the change back and
 * the share returns; a test call goes through generic invocation. Second: the live pages while the
 * shop's traffic runs: a service's charts move (the newest point and its value read twice from the
 * page differ), the topology shows the three services' edges with their rates, and the order
 * service's instance page shows its connections and the providers it calls with their weights,
 * breakers and ejection; an application's settings page refuses a misspelt key and hides a
 * secret; each page is written as a screenshot under {@code
 * target/console-screenshots/}. Skipped where Chromium is not installed, except under CI (CI=true),
 * where its absence fails the test.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ConsoleBrowserTest {

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
    void operator_drainsAProviderAndRollsBack_andAWrongTokenIsRefused() throws Exception {
        String service = Stock.class.getName();
        String drained = fixture.address(fixture.firstApp);
        String other = fixture.address(fixture.secondApp);
        try (DevTools browser = DevTools.launch(DevTools.chromium())) {
            browser.navigate(fixture.console.url());
            waitFor(
                    browser,
                    // ready: the page's handlers are attached; a click before that submits the form natively
                    "document.body.dataset.ready === 'true' && !document.querySelector('#login').hidden");

            logIn(browser, "mallory", "not-the-token-at-all");
            waitFor(browser, "document.querySelector('#login-error').textContent.includes('wrong token')");
            assertThat(browser.evaluate("String(document.querySelector('#app').hidden)"))
                    .isEqualTo("true");

            logIn(browser, "alice", ConsoleFixture.TOKEN);
            waitFor(browser, "document.querySelector('[data-service=\"" + service + "\"] a') !== null");
            browser.evaluate("document.querySelector('[data-service=\"" + service + "\"] a').click()");
            waitFor(browser, "document.querySelectorAll('#providers tr[data-provider]').length === 2");
            assertThat(state(browser, drained)).isEqualTo("online");
            assertThat(state(browser, other)).isEqualTo("online");
            // both serve before the change
            long firstBefore = fixture.first.calls();
            long secondBefore = fixture.second.calls();
            polling()
                    .until(() ->
                            fixture.first.calls() > firstBefore + 20 && fixture.second.calls() > secondBefore + 20);

            browser.evaluate(row(drained) + ".querySelector('.weight-input').value = '0';" + row(drained)
                    + ".querySelector('.set-weight').click()");
            waitFor(browser, "document.querySelector('#config-message').textContent.startsWith('In force: version 1')");
            waitFor(browser, row(drained) + ".querySelector('.state').textContent === 'drained'");
            assertShareFallsToZero();

            // roll back to version 0: no document, the registered weights apply again
            waitFor(browser, "document.querySelectorAll('#history tr[data-revision]').length === 2");
            browser.evaluate("[...document.querySelectorAll('#history tr[data-revision]')].pop()"
                    + ".querySelector('.rollback').click()");
            waitFor(browser, "document.querySelector('#config-message').textContent.includes('rollback to version 0')");
            waitFor(browser, row(drained) + ".querySelector('.state').textContent === 'online'");
            long drainedAtRollback = fixture.first.calls();
            polling().until(() -> fixture.first.calls() > drainedAtRollback + 50);

            // the change and the rollback are in the history and the audit log, with who did them
            waitFor(browser, "document.querySelectorAll('#history tr[data-revision]').length === 3");
            // the diff of version 1 with the version in force shows the weight going away
            browser.evaluate("document.querySelector('#history tr[data-revision=\"1\"] .diff').click()");
            waitFor(browser, "document.querySelector('#diff').textContent.includes('" + drained + "')");
            assertThat(browser.evaluate("document.querySelector('#history tbody').textContent"))
                    .contains("alice")
                    .contains("weight " + drained + " = 0");
            waitFor(browser, "document.querySelector('#audit').textContent.includes('mallory: login (refused')");

            // a test call through generic invocation
            browser.evaluate("document.querySelector('#call-arguments').value = '[\"lamp\"]';"
                    + "document.querySelector('#call').click()");
            waitFor(
                    browser,
                    "document.querySelector('#call-result').textContent.includes('lamp reserved by inventory-')");

            editsAnApplicationsSettings(browser);
        }
    }

    /**
     * An application's own settings page: the keys it declares, a misspelt key refused with a
     * did-you-mean, a good document saved and the secret shown hidden, a second version diffed with
     * the first and rolled back to it, which the application then follows.
     */
    private static void editsAnApplicationsSettings(DevTools browser) throws Exception {
        try (Courier pricing = Courier.builder()
                .application("pricing")
                .registry("zookeeper://" + fixture.zookeeper.getConnectString())
                .shutdownHook(false)
                .settings(ConsoleApiTest.PricingSettings.class)
                .start()) {
            browser.evaluate("location.hash = '#/settings/pricing'");
            waitFor(browser, "document.querySelectorAll('#settings-keys tr[data-key]').length === 2");
            String save = "document.querySelector('#settings-document').dispatchEvent(new Event('input'));"
                    + "document.querySelector('#settings-save').click()";
            browser.evaluate("document.querySelector('#settings-document').value ="
                    + " 'version: 1\\nsettings:\\n  pricing.discount-percnt: 5\\n';" + save);
            waitFor(
                    browser,
                    "document.querySelector('#settings-message').textContent.includes("
                            + "'did you mean pricing.discount-percent?')");
            browser.evaluate("document.querySelector('#settings-document').value = 'version: 1\\nsettings:\\n"
                    + "  pricing.discount-percent: 15\\n  pricing.api-token: s3cr3t\\n';" + save);
            waitFor(browser, "document.querySelector('#settings-message').textContent === 'In force: version 1'");
            waitFor(
                    browser,
                    "document.querySelector('#settings-keys tr[data-key=\"pricing.discount-percent\"] .value')"
                            + ".textContent === '15'");
            waitFor(browser, "document.querySelector('#settings-document').value.includes('api-token: <hidden>')");
            assertThat(browser.evaluate("document.querySelector('#view-settings').textContent")
                            + browser.evaluate("document.querySelector('#settings-document').value"))
                    .doesNotContain("s3cr3t");
            browser.evaluate("document.querySelector('#settings-document').value = 'version: 1\\nsettings:\\n"
                    + "  pricing.discount-percent: 30\\n  pricing.api-token: s3cr3t\\n';" + save);
            waitFor(browser, "document.querySelector('#settings-message').textContent === 'In force: version 2'");
            waitFor(browser, "document.querySelector('#settings-history tr[data-revision=\"2\"]') !== null");
            browser.evaluate("document.querySelector('#settings-history tr[data-revision=\"1\"] .diff').click()");
            waitFor(browser, "document.querySelector('#settings-diff').textContent.includes('v1 -> v2')");
            assertThat(browser.evaluate("document.querySelector('#settings-diff').textContent"))
                    .contains("pricing.discount-percent: 15", "pricing.discount-percent: 30")
                    .doesNotContain("s3cr3t");
            browser.evaluate("document.querySelector('#settings-history tr[data-revision=\"1\"] .rollback').click()");
            waitFor(browser, "document.querySelector('#settings-message').textContent === 'In force: version 3'");
            // the application itself follows the rollback
            var settings = pricing.settings().bind(ConsoleApiTest.PricingSettings.class);
            polling().until(() -> settings.get().discountPercent() == 15);
            screenshot(browser, "settings");
        }
    }

    /**
     * After the console's change reached the consumer, the drained provider executes no call while
     * the other executes 200. Calls already in flight when the change arrived may still land on it,
     * so the window restarts whenever it does.
     */
    private static void assertShareFallsToZero() {
        long[] window = {fixture.first.calls(), fixture.second.calls()};
        polling().until(() -> {
            long first = fixture.first.calls();
            long second = fixture.second.calls();
            if (first != window[0]) {
                window[0] = first;
                window[1] = second;
                return false;
            }
            return second >= window[1] + 200;
        });
    }

    private static String state(DevTools browser, String address) throws Exception {
        return browser.evaluate(row(address) + ".querySelector('.state').textContent");
    }

    private static String row(String address) {
        return "document.querySelector('#providers tr[data-provider=\"" + address + "\"]')";
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
            // so does its node's health: degraded (amber), the others healthy
            waitFor(
                    browser,
                    "document.querySelector('#topology .node[data-application=\"order-service\"]')"
                            + ".classList.contains('node-degraded')");
            assertThat(browser.evaluate("document.querySelectorAll('#topology .node-degraded, #topology .node-failing')"
                            + ".length"))
                    .isEqualTo("1");
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
    static void screenshot(DevTools browser, String name) throws Exception {
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
        Files.createDirectories(SCREENSHOTS); // whichever test runs first
        Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode(data));
    }
}
