package io.courier.cluster.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.cluster.testing.FakeTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {

    private final FakeTicker ticker = new FakeTicker();
    private final RetryBudget budget = new RetryBudget(ticker);

    @Test
    void quietReference_mayStillRetryTheFloor() {
        assertThat(grantedRetries(1_000)).isEqualTo(100);
    }

    @Test
    void retries_areCappedAtTwentyPercentOfCallsPlusTheFloor() {
        for (int i = 0; i < 1_000; i++) {
            budget.onCall();
        }

        assertThat(grantedRetries(1_000)).isEqualTo(200 + 100);
    }

    @Test
    void spentBudget_refillsAsTheWindowSlides() {
        for (int i = 0; i < 500; i++) {
            budget.onCall();
        }
        assertThat(grantedRetries(1_000)).isEqualTo(200);

        ticker.advance(Duration.ofSeconds(5));
        assertThat(grantedRetries(1_000))
                .as("the spent retries are still in the window")
                .isZero();

        ticker.advance(Duration.ofSeconds(5));
        assertThat(grantedRetries(1_000))
                .as("calls and retries of 10 s ago have left")
                .isEqualTo(100);
    }

    @Test
    void callsSpreadOverTheWindow_allCount() {
        for (int second = 0; second < 10; second++) {
            if (second > 0) {
                ticker.advance(Duration.ofSeconds(1));
            }
            for (int i = 0; i < 100; i++) {
                budget.onCall();
            }
        }

        assertThat(grantedRetries(1_000)).isEqualTo(200 + 100);
    }

    @Test
    void configuredBudget_usesItsPercentAndFloor() {
        RetryBudget strict = new RetryBudget(ticker, 5, 1);
        for (int i = 0; i < 1_000; i++) {
            strict.onCall();
        }

        int granted = 0;
        for (int i = 0; i < 1_000; i++) {
            if (strict.tryRetry()) {
                granted++;
            }
        }

        assertThat(granted).isEqualTo(50 + 10);
    }

    private int grantedRetries(int asked) {
        int granted = 0;
        for (int i = 0; i < asked; i++) {
            if (budget.tryRetry()) {
                granted++;
            }
        }
        return granted;
    }
}
