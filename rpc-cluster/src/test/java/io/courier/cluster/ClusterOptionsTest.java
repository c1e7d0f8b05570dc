package io.courier.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClusterOptionsTest {

    @Test
    void defaults_areTheDocumentedFigures() {
        ClusterOptions defaults = ClusterOptions.defaults();

        assertThat(defaults.retryBudgetPercent()).isEqualTo(20);
        assertThat(defaults.retryBudgetMinPerSecond()).isEqualTo(10);
        assertThat(defaults.ejectionMillis()).isEqualTo(1_000);
        assertThat(defaults.maxEjectionMillis()).isEqualTo(30_000);
        assertThat(defaults.refusalsBeforeEjection()).isEqualTo(5);
    }

    @Test
    void invalidValues_areRejectedNamingTheValueAndTheExpectation() {
        assertThatThrownBy(() -> ClusterOptions.builder().retryBudgetPercent(-1).build())
                .hasMessage("retryBudgetPercent: -1 (expected: 0 to 1000)");
        assertThatThrownBy(
                        () -> ClusterOptions.builder().refusalsBeforeEjection(0).build())
                .hasMessage("refusalsBeforeEjection: 0 (expected: 1 to 1000)");
        assertThatThrownBy(() -> ClusterOptions.builder().ejectionMillis(-5).build())
                .hasMessage("ejectionMillis: -5 (expected: 0 to 3600000)");
        assertThatThrownBy(() -> ClusterOptions.builder()
                        .ejectionMillis(2_000)
                        .maxEjectionMillis(1_000)
                        .build())
                .hasMessage("maxEjectionMillis: 1000 (expected: 2000 (ejectionMillis) to 3600000)");
    }
}
