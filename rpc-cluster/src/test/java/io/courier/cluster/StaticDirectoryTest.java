package io.courier.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.ServiceInstance;
import io.courier.api.cluster.Candidate;
import io.courier.cluster.testing.Greeter;
import io.courier.cluster.testing.RecordingInvokers;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StaticDirectoryTest {

    private static final Endpoint A = Endpoint.of("10.0.0.2", 20880);
    private static final Endpoint B = Endpoint.of("10.0.0.1", 20880);

    private final RecordingInvokers invokers = new RecordingInvokers();

    @Test
    void endpoints_becomeCandidatesWithDefaultMetadata_inTheGivenOrder() {
        try (StaticDirectory directory = StaticDirectory.ofEndpoints(Greeter.KEY, List.of(A, B), invokers)) {
            assertThat(directory.candidates())
                    .extracting(candidate -> candidate.instance().endpoint())
                    .containsExactly(A, B);
            assertThat(directory.candidates()).allSatisfy(candidate -> {
                assertThat(candidate.weight()).isEqualTo(ServiceInstance.DEFAULT_WEIGHT);
                assertThat(candidate.instance().tags()).isEmpty();
            });
            assertThat(directory.config()).isSameAs(DynamicConfig.EMPTY);
        }
    }

    @Test
    void configure_appliesWeightsAndNotifiesListeners() {
        try (StaticDirectory directory = StaticDirectory.ofEndpoints(Greeter.KEY, List.of(A, B), invokers)) {
            AtomicInteger changes = new AtomicInteger();
            directory.addListener(changes::incrementAndGet);

            directory.configure(new DynamicConfig(1, Map.of(A, 40), Set.of(), Map.of(), List.of(), Map.of()));

            assertThat(directory.candidates()).extracting(Candidate::weight).containsExactly(40, 100);
            assertThat(changes).hasValue(1);
        }
    }

    @Test
    void close_closesTheInvokers() {
        StaticDirectory directory = StaticDirectory.ofEndpoints(Greeter.KEY, List.of(A, B), invokers);

        directory.close();

        assertThat(invokers.closed(A)).isEqualTo(1);
        assertThat(invokers.closed(B)).isEqualTo(1);
    }

    @Test
    void noEndpoints_isRejected() {
        assertThatThrownBy(() -> StaticDirectory.ofEndpoints(Greeter.KEY, List.of(), invokers))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("instances: [] (expected: at least one provider of " + Greeter.KEY + ")");
    }
}
