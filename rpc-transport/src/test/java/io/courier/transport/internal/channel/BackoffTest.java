package io.courier.transport.internal.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(100, 10_000, 0.2);

    @Test
    void delay_doublesPerFailureFromTheBase() {
        assertThat(backoff.delayMillis(1, 0)).isEqualTo(100);
        assertThat(backoff.delayMillis(2, 0)).isEqualTo(200);
        assertThat(backoff.delayMillis(5, 0)).isEqualTo(1_600);
    }

    @Test
    void delay_isCappedAtTheMaximumWithoutOverflow() {
        assertThat(backoff.delayMillis(8, 0)).isEqualTo(10_000);
        assertThat(backoff.delayMillis(63, 0)).isEqualTo(10_000);
        assertThat(backoff.delayMillis(Integer.MAX_VALUE, 0)).isEqualTo(10_000);
    }

    @Test
    void delay_jitterTakesOffAtMostItsFraction() {
        assertThat(backoff.delayMillis(1, 0.5)).isEqualTo(90);
        assertThat(backoff.delayMillis(1, 0.999_999)).isEqualTo(81);
        assertThat(backoff.delayMillis(20, 0.999_999)).isBetween(8_000L, 10_000L);
    }

    @Test
    void delay_isZeroBeforeAnyFailure() {
        assertThat(backoff.delayMillis(0, 0.5)).isZero();
    }
}
