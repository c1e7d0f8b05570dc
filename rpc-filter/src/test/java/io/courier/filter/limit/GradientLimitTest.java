package io.courier.filter.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GradientLimitTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void grows_whileLatencyStaysFlat_andTheLimitIsInUse() {
        GradientLimit limit = new GradientLimit(AdaptiveLimitOptions.DEFAULTS);

        for (int i = 0; i < 50; i++) {
            limit.onSample(10 * MS, limit.limit());
        }

        assertThat(limit.limit()).isGreaterThan(40);
    }

    @Test
    void doesNotGrow_whenLessThanHalfOfTheLimitIsInUse() {
        GradientLimit limit = new GradientLimit(AdaptiveLimitOptions.DEFAULTS);

        for (int i = 0; i < 200; i++) {
            limit.onSample(10 * MS, 3);
        }

        assertThat(limit.limit()).isEqualTo(20);
    }

    @Test
    void shrinks_whenLatencyRisesAboveTheTolerance_andRecovers_whenItFalls() {
        GradientLimit limit = new GradientLimit(AdaptiveLimitOptions.DEFAULTS);
        for (int i = 0; i < 100; i++) {
            limit.onSample(10 * MS, limit.limit());
        }
        int healthy = limit.limit();

        for (int i = 0; i < 30; i++) {
            limit.onSample(100 * MS, limit.limit());
        }
        int overloaded = limit.limit();

        for (int i = 0; i < 100; i++) {
            limit.onSample(10 * MS, limit.limit());
        }
        int recovered = limit.limit();

        assertThat(overloaded).isLessThan(healthy / 3);
        assertThat(recovered).isGreaterThan(overloaded * 3);
    }

    @Test
    void toleratesLatencyWithinTheTolerance() {
        GradientLimit limit = new GradientLimit(AdaptiveLimitOptions.DEFAULTS);
        for (int i = 0; i < 100; i++) {
            limit.onSample(10 * MS, limit.limit());
        }
        int before = limit.limit();

        for (int i = 0; i < 20; i++) {
            limit.onSample(14 * MS, limit.limit());
        }

        assertThat(limit.limit()).isGreaterThanOrEqualTo(before);
    }

    @Test
    void staysWithinMinAndMax() {
        AdaptiveLimitOptions options = AdaptiveLimitOptions.builder()
                .initialLimit(10)
                .minLimit(5)
                .maxLimit(12)
                .queueSize(1)
                .build();
        GradientLimit limit = new GradientLimit(options);

        for (int i = 0; i < 100; i++) {
            limit.onSample(MS, limit.limit());
        }
        assertThat(limit.limit()).isEqualTo(12);

        for (int i = 0; i < 100; i++) {
            limit.onSample(1_000 * MS, limit.limit());
        }
        assertThat(limit.limit()).isEqualTo(5);
    }

    @Test
    void options_rejectInconsistentBounds_namingTheField() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> AdaptiveLimitOptions.builder().minLimit(30).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("initialLimit: 20 (expected: minLimit 30 to maxLimit 1000)");
    }
}
