package io.courier.console;

import static io.courier.console.BrowserWaits.logIn;
import static io.courier.console.BrowserWaits.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.courier.testkit.DevTools;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The topology's labels as Chromium draws them: for the demo shop's shape (three callers of the
 * order service, a gateway that calls every service past it, a rate-limited edge) and for the live
 * shop of {@link ConsoleFixture}, no edge label's box (getBoundingClientRect) overlaps another
 * label or an application (its box and its text), the scales of the charts show values, and an application the
 * console does not poll says so. Screenshots go to {@code target/console-screenshots/}. Skipped
 * where Chromium is not installed, except under CI (CI=true).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class TopologyLayoutBrowserTest {

    /** The demo's applications and edges as /api/topology gives them, with the gateway unpolled. */
    static final String DEMO_VIEW =
            """
            (() => {
              const s = (name) => 'io.courier.demo.' + name;
              const calls = (rate, err, refused) => ({ at: 0, callsPerSecond: rate, errorRate: err, refusalRate: refused, p50: 1, p99: 9 });
              const node = (application, instances, provides, served) => ({ application, instances, provides, served });
              const edge = (from, to, service, c) => ({ from, to, service: s(service), calls: c });
              return {
                nodes: [
                  node('courier-console', 1, [], null),
                  node('inventory-service', 2, [s('InventoryService')], calls(310, 0, 0)),
                  node('notification-service', 1, [s('NotificationService')], null),
                  node('order-service', 1, [s('OrderService')], calls(390, 0.001, 0.55)),
                  node('shop-browser', 1, [], null),
                  node('shop-client', 1, [], null),
                  node('shop-gateway', 0, [], null),
                  node('user-service', 2, [s('UserService')], calls(305, 0, 0)),
                ],
                edges: [
                  edge('shop-client', 'order-service', 'OrderService', calls(159, 0, 0)),
                  edge('shop-browser', 'order-service', 'OrderService', calls(231, 0, 0.982)),
                  edge('shop-gateway', 'order-service', 'OrderService', null),
                  edge('shop-gateway', 'inventory-service', 'InventoryService', null),
                  edge('shop-gateway', 'user-service', 'UserService', null),
                  edge('shop-gateway', 'notification-service', 'NotificationService', null),
                  edge('order-service', 'user-service', 'UserService', calls(159, 0, 0)),
                  edge('order-service', 'inventory-service', 'InventoryService', calls(159, 0.002, 0)),
                ],
                instances: [],
              };
            })()""";

    /** Overlapping pairs among the edge labels and node boxes under {@code root}, as JSON. */
    static String overlaps(String root) {
        return """
                (() => {
                  const root = document.querySelector('%s');
                  const boxes = [...root.querySelectorAll('.edge-label')].map((label) => {
                    const edge = label.closest('.edge');
                    return { name: 'label ' + edge.dataset.from + ' -> ' + edge.dataset.to + ' ' + label.textContent, r: label.getBoundingClientRect(), label: true };
                  }).concat([...root.querySelectorAll('.node')].map((node) => ({ name: 'node ' + node.dataset.application, r: node.getBoundingClientRect(), label: false })));
                  const overlapping = [];
                  for (let i = 0; i < boxes.length; i++) {
                    for (let j = i + 1; j < boxes.length; j++) {
                      const a = boxes[i].r;
                      const b = boxes[j].r;
                      if (!boxes[i].label && !boxes[j].label) continue;
                      if (a.width === 0 || b.width === 0) overlapping.push('empty box: ' + boxes[i].name + ' / ' + boxes[j].name);
                      else if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlapping.push(boxes[i].name + ' / ' + boxes[j].name);
                    }
                  }
                  return JSON.stringify(overlapping);
                })()"""
                .formatted(root);
    }

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
    void demoShapedTopology_labelsOverlapNoLabelAndNoApplication_andAnUnpolledGatewaySaysSo() throws Exception {
        Files.createDirectories(ConsoleBrowserTest.SCREENSHOTS);
        try (DevTools browser = launch()) {
            browser.evaluate("location.hash = '#/topology'");
            waitFor(browser, "document.querySelectorAll('#topology .node').length === 4");
            // drawn into a page section of its own, where the live page's refreshes leave it alone
            browser.evaluate("(() => { const box = document.createElement('section');"
                    + " box.id = 'demo-topology'; box.className = 'card topology';"
                    + " document.querySelector('#view-topology').prepend(box);"
                    + " box.append(CourierTopology.topology(" + DEMO_VIEW + ", () => {})); })()");
            waitFor(browser, "document.querySelectorAll('#demo-topology .edge-label').length === 8");
            ConsoleBrowserTest.screenshot(browser, "topology-demo-shape");

            assertThat(browser.evaluate(overlaps("#demo-topology"))).isEqualTo("[]");
            assertThat(browser.evaluate(
                            "document.querySelector('#demo-topology .node[data-application=\"shop-gateway\"]"
                                    + " .node-detail').textContent"))
                    .isEqualTo("not polled: no admin endpoint");
            // the rate limit's refusals are drawn apart, and are no failure of the order service
            assertThat(browser.evaluate("document.querySelector('#demo-topology .edge[data-from=\"shop-browser\"]"
                            + " .edge-refused').textContent"))
                    .isEqualTo(" · 98.2 % refused");
            assertThat(browser.evaluate(
                            "String(document.querySelector('#demo-topology .edge[data-from=\"shop-browser\"]')"
                                    + ".classList.contains('edge-errors'))"))
                    .isEqualTo("false");
            assertThat(browser.evaluate("String(document.querySelectorAll('#demo-topology .node-failing,"
                            + " #demo-topology .node-degraded').length)"))
                    .isEqualTo("0");
            assertThat(browser.evaluate("document.body.dataset.error || ''")).isEmpty();
        }
    }

    @Test
    void liveTopology_labelsOverlapNothing_andChartsShowTheirScales() throws Exception {
        Files.createDirectories(ConsoleBrowserTest.SCREENSHOTS);
        try (DevTools browser = launch()) {
            browser.evaluate("location.hash = '#/topology'");
            waitFor(
                    browser,
                    "[...document.querySelectorAll('#topology .edge-label')].filter(l => Number(l.dataset.rate) > 0)"
                            + ".length === 3");
            assertThat(browser.evaluate(overlaps("#topology"))).isEqualTo("[]");
            ConsoleBrowserTest.screenshot(browser, "topology-live");

            String admin = ConsoleFixture.admin(fixture.ordersApp);
            browser.evaluate("location.hash = '#/instance/" + admin + "'");
            String scale = "document.querySelector('#instance-exports [data-metric=\"calls\"] .chart-scale')";
            waitFor(browser, scale + " !== null && Number(" + scale + ".dataset.top) > 0");
            // the value scale: its top, half and zero; the time scale ends now
            assertThat(browser.evaluate("[..." + scale + ".children].map(s => s.textContent).join('|')"))
                    .matches("[0-9.]+\\|[0-9.]+\\|0\\.00");
            assertThat(browser.evaluate(
                            "document.querySelector('#instance-exports [data-metric=\"calls\"] .chart-axis')"
                                    + ".lastChild.textContent"))
                    .isEqualTo("now");
            waitFor(browser, "document.querySelector('#instance-exports [data-metric=\"refused\"]') !== null");
            ConsoleBrowserTest.screenshot(browser, "instance-scales");
            assertThat(browser.evaluate("document.body.dataset.error || ''")).isEmpty();
        }
    }

    private static DevTools launch() throws Exception {
        DevTools browser = DevTools.launch(DevTools.chromium());
        browser.send(
                "Emulation.setDeviceMetricsOverride",
                ConsoleBrowserTest.JSON
                        .createObjectNode()
                        .put("width", ConsoleBrowserTest.WIDTH)
                        .put("height", ConsoleBrowserTest.HEIGHT)
                        .put("deviceScaleFactor", 1)
                        .put("mobile", false));
        browser.navigate(fixture.console.url());
        waitFor(browser, "document.body.dataset.ready === 'true' && !document.querySelector('#login').hidden");
        logIn(browser, "alice", ConsoleFixture.TOKEN);
        waitFor(browser, "document.querySelector('#login').hidden");
        return browser;
    }
}
