package io.courier.bootstrap.internal.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Endpoint;
import io.courier.api.Invoker;
import io.courier.api.MethodDescriptor;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.cluster.Candidate;
import io.courier.bootstrap.fixtures.calls.CallService;
import io.courier.bootstrap.status.CourierStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The state of one provider instance and the readiness rule, on plain values. */
class StatusSnapshotTest {

    private static final ServiceKey KEY = ServiceKey.of("", CallService.class, "");
    private static final List<MethodDescriptor> METHODS =
            ServiceDescriptor.of(CallService.class).methods();
    private static final long NOW = 1_000_000_000L;

    /** A candidate whose availability, per method, the test decides. */
    private record Fake(ServiceInstance instance, boolean up, String refusedMethod, int weight) implements Candidate {
        @Override
        public Invoker invoker() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int inFlight() {
            return 3;
        }

        @Override
        public long averageLatencyNanos() {
            return 0;
        }

        @Override
        public boolean available() {
            return up;
        }

        @Override
        public boolean available(MethodDescriptor method) {
            return up && !method.name().equals(refusedMethod);
        }
    }

    private static ServiceInstance instance(long startedAt, long warmup) {
        return ServiceInstance.builder(KEY, Endpoint.of("127.0.0.1", 20880))
                .startedAtMillis(startedAt)
                .warmupMillis(warmup)
                .build();
    }

    @Test
    void instance_listsTheMethodsWhoseBreakerIsOpen_andTellsAWarmUpFromAFinishedOne() {
        CourierStatus.InstanceStatus warming =
                StatusSnapshot.instance(new Fake(instance(NOW - 1_000, 60_000), true, "echo", 12), null, METHODS, NOW);
        CourierStatus.InstanceStatus warm =
                StatusSnapshot.instance(new Fake(instance(NOW - 61_000, 60_000), true, null, 100), null, METHODS, NOW);

        assertThat(warming.breakerOpen()).singleElement().asString().startsWith("echo(");
        assertThat(warming.warmingUp()).isTrue();
        assertThat(warming.weight()).isEqualTo(12);
        assertThat(warming.inFlight()).isEqualTo(3);
        assertThat(warming.connection()).isEqualTo(CourierStatus.Connection.CONNECTING);
        assertThat(warm.breakerOpen()).isEmpty();
        assertThat(warm.warmingUp()).isFalse();
    }

    @Test
    void instance_unavailableWithoutAConnection_isNotCalledEjected_andShowsNoBreaker() {
        CourierStatus.InstanceStatus down =
                StatusSnapshot.instance(new Fake(instance(NOW, 0), false, "echo", 100), null, METHODS, NOW);

        assertThat(down.ejected()).isFalse();
        assertThat(down.breakerOpen()).isEmpty();
    }

    @Test
    void readiness_namesEveryReason_andIsReadyOnlyWhenNoneHolds() {
        CourierStatus.ServiceStatus pending =
                new CourierStatus.ServiceStatus(KEY, CourierStatus.Registration.PENDING, "", false);
        CourierStatus.ServiceStatus follower =
                new CourierStatus.ServiceStatus(KEY, CourierStatus.Registration.FOLLOWER, "g", false);
        CourierStatus.ReferenceStatus required =
                new CourierStatus.ReferenceStatus(KEY, KEY.interfaceName(), 0, false, true, List.of());
        CourierStatus.ReferenceStatus optional =
                new CourierStatus.ReferenceStatus(KEY, KEY.interfaceName(), 0, false, false, List.of());

        assertThat(status(CourierStatus.Phase.SERVING, true, List.of(follower), List.of(optional))
                        .readiness())
                .isEqualTo(new CourierStatus.Readiness(true, List.of()));
        assertThat(status(CourierStatus.Phase.STARTING, true, List.of(), List.of())
                        .readiness()
                        .reasons())
                .singleElement()
                .asString()
                .startsWith("starting");
        assertThat(status(CourierStatus.Phase.SERVING, false, List.of(pending), List.of(required))
                        .readiness()
                        .reasons())
                .hasSize(3)
                .anySatisfy(reason -> assertThat(reason).startsWith("offline"))
                .anySatisfy(reason -> assertThat(reason).contains("not acknowledged"))
                .anySatisfy(reason -> assertThat(reason).contains("required reference"));
        assertThat(status(CourierStatus.Phase.STOPPING, false, List.of(), List.of())
                        .readiness()
                        .ready())
                .isFalse();
    }

    private static CourierStatus status(
            CourierStatus.Phase phase,
            boolean online,
            List<CourierStatus.ServiceStatus> exports,
            List<CourierStatus.ReferenceStatus> references) {
        return new CourierStatus(
                "app",
                CourierStatus.RegistryState.CONNECTED,
                online,
                phase == CourierStatus.Phase.STOPPING,
                exports.stream().map(CourierStatus.ServiceStatus::serviceKey).toList(),
                references,
                phase,
                exports);
    }
}
