package io.courier.console;

import static io.courier.console.BrowserWaits.logIn;
import static io.courier.console.BrowserWaits.polling;
import static io.courier.console.BrowserWaits.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.courier.console.fixtures.Stock;
import io.courier.testkit.DevTools;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The console in a real browser: headless Chromium refuses a wrong token, logs in, finds both
 * inventory providers, turns one's weight down to 0 and the providers' own call counters show its
 * share fall to nothing, rolls the change back and the share returns; a test call goes through
 * generic invocation. Skipped where Chromium is not installed, except under CI (CI=true), where its
 * absence fails the test.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ConsoleBrowserTest {

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
}
