package io.courier.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.gateway.fixtures.OrderDesk;
import io.courier.testkit.DevTools;
import java.time.Duration;
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
}
