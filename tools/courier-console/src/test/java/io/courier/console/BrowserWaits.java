package io.courier.console;

import static org.awaitility.Awaitility.await;

import io.courier.testkit.DevTools;
import java.time.Duration;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;

/** The console's browser tests' waiting: a condition in the page, polled up to 20 s, and what the page showed if not. */
final class BrowserWaits {

    private BrowserWaits() {}

    /** Waits until the page's JavaScript {@code condition} is true; fails with the page's text otherwise. */
    static void waitFor(DevTools browser, String condition) throws Exception {
        try {
            polling().until(() -> browser.evaluate("String(" + condition + ")").equals("true"));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "not true within 20 s: " + condition + "\nat: " + browser.evaluate("location.href")
                            + "\nscript error: " + browser.evaluate("document.body.dataset.error || ''")
                            + "\npage: " + browser.evaluate("document.body.innerText"),
                    e);
        }
    }

    /** Types the operator's name and token into the login form and submits it. */
    static void logIn(DevTools browser, String operator, String token) throws Exception {
        browser.evaluate("document.querySelector('#operator').value = '" + operator + "';"
                + "document.querySelector('#token').value = '" + token + "';"
                + "document.querySelector('#login-button').click()");
    }

    static ConditionFactory polling() {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100));
    }
}
