package io.courier.bootstrap.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.courier.api.Endpoint;
import io.courier.api.ReferenceOptions;
import io.courier.api.RpcException;
import io.courier.bootstrap.ConfigurationException;
import io.courier.bootstrap.Courier;
import io.courier.bootstrap.Environments;
import io.courier.bootstrap.Leftovers;
import io.courier.bootstrap.fixtures.calls.CallService;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@code courier.cluster.*} keys reach every reference's retry budget and ejection. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClusterSettingsTest {

    @Test
    void retryBudgetKeys_reachTheReferences() {
        Endpoint dead = Endpoint.of("127.0.0.1", Leftovers.freePort());
        ReferenceOptions toDeadProvider =
                ReferenceOptions.builder().directEndpoints(List.of(dead)).build();

        try (Courier defaults = Environments.builder().start();
                Courier noRetries = Environments.builder()
                        .property("courier.cluster.retry-budget-percent", "0")
                        .property("courier.cluster.retry-budget-min-per-second", "0")
                        .start()) {
            Throwable retried = catchThrowable(
                    () -> defaults.reference(CallService.class, toDeadProvider).echo("x"));
            Throwable notRetried = catchThrowable(
                    () -> noRetries.reference(CallService.class, toDeadProvider).echo("x"));

            assertThat(retried).isInstanceOf(RpcException.class).hasMessageContaining("after 3 attempts");
            assertThat(notRetried)
                    .isInstanceOf(RpcException.class)
                    .hasMessageContaining("after 1 attempt")
                    .hasMessageContaining("retry budget");
        }
    }

    @Test
    void maxEjectionBelowTheFirst_failsStartNamingBothKeys() {
        assertThatThrownBy(() -> Environments.builder()
                        .property("courier.cluster.ejection-millis", "5000")
                        .property("courier.cluster.max-ejection-millis", "1000")
                        .start())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "courier.cluster.max-ejection-millis: 1000 (expected: at least courier.cluster.ejection-millis, 5000)");
    }
}
