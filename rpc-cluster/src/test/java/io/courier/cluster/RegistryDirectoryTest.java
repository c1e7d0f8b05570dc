package io.courier.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.DynamicConfig;
import io.courier.api.Endpoint;
import io.courier.api.Invoker;
import io.courier.api.RpcResult;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.cluster.Candidate;
import io.courier.cluster.testing.Calls;
import io.courier.cluster.testing.FakeRegistry;
import io.courier.cluster.testing.FakeTicker;
import io.courier.cluster.testing.Greeter;
import io.courier.cluster.testing.RecordingInvokers;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistryDirectoryTest {

    private static final Endpoint A = Endpoint.of("10.0.0.1", 20880);
    private static final Endpoint B = Endpoint.of("10.0.0.2", 20880);
    private static final Endpoint C = Endpoint.of("10.0.0.3", 20880);

    private final FakeRegistry registry = new FakeRegistry();
    private final RecordingInvokers invokers = new RecordingInvokers();
    private final RegistryDirectory directory =
            RegistryDirectory.subscribe(registry, Greeter.KEY, invokers, new FakeTicker());

    @AfterEach
    void close() {
        directory.close();
    }

    @Test
    void snapshot_createsOneInvokerPerInstance_sortedByEndpoint() {
        registry.publish(List.of(instance(C), instance(A), instance(B)));

        assertThat(endpoints()).containsExactly(A, B, C);
        assertThat(List.of(invokers.created(A), invokers.created(B), invokers.created(C)))
                .containsOnly(1);
        assertThat(directory.candidates().get(0).invoker().invoke(Calls.of(Greeter.HELLO, "x")))
                .isCompletedWithValueMatching(result -> "10.0.0.1:20880".equals(result.value()));
    }

    @Test
    void endpointThatStays_keepsItsCandidateAndInvoker_andTakesNewMetadata() {
        registry.publish(List.of(instance(A), instance(B)));
        Candidate before = directory.candidates().get(0);

        registry.publish(List.of(instance(A).toBuilder().weight(300).build(), instance(B)));

        Candidate after = directory.candidates().get(0);
        assertThat(after).isSameAs(before);
        assertThat(after.weight()).isEqualTo(300);
        assertThat(invokers.created(A)).isEqualTo(1);
    }

    @Test
    void endpointThatLeaves_isRoutedAwayAtOnce_andClosedOnceItsCallsAreAnswered() {
        CompletableFuture<RpcResult> slow = new CompletableFuture<>();
        AtomicInteger closes = new AtomicInteger();
        RegistryDirectory pending = RegistryDirectory.subscribe(
                registry, Greeter.KEY, instance -> new HeldInvoker(slow, closes), new FakeTicker());
        try {
            registry.publish(List.of(instance(A)));
            Candidate leaving = pending.candidates().get(0);
            CompletableFuture<RpcResult> inFlight = leaving.invoker().invoke(Calls.of(Greeter.HELLO, "x"));

            registry.publish(List.of());
            assertThat(pending.candidates()).isEmpty();
            assertThat(closes).hasValue(0);

            slow.complete(RpcResult.of("done"));
            assertThat(inFlight).isCompleted();
            assertThat(closes).hasValue(1);
        } finally {
            pending.close();
        }
    }

    @Test
    void listenersSeeTheNewList_beforeALeavingEndpointIsClosed() throws Exception {
        // A call that picked the leaving endpoint from the old list and lost the race with its
        // close is retried; the retry must pick from a list that no longer has it.
        AtomicInteger closes = new AtomicInteger();
        RegistryDirectory pending = RegistryDirectory.subscribe(
                registry,
                Greeter.KEY,
                instance -> new HeldInvoker(new CompletableFuture<>(), closes),
                new FakeTicker());
        try {
            registry.publish(List.of(instance(A)));
            List<Integer> closesSeenByListener = new java.util.concurrent.CopyOnWriteArrayList<>();
            try (AutoCloseable listening = pending.addListener(() -> closesSeenByListener.add(closes.get()))) {
                registry.publish(List.of(instance(B)));
            }
            assertThat(closesSeenByListener).containsExactly(0);
            assertThat(closes).hasValue(1);
        } finally {
            pending.close();
        }
    }

    @Test
    void configuration_overridesWeights_andNotifiesListeners() throws Exception {
        registry.publish(List.of(instance(A), instance(B)));
        AtomicInteger changes = new AtomicInteger();
        AutoCloseable listener = directory.addListener(changes::incrementAndGet);

        DynamicConfig config = new DynamicConfig(1, Map.of(B, 700), Set.of(), Map.of(), List.of(), Map.of());
        registry.publish(config);

        assertThat(directory.config()).isSameAs(config);
        assertThat(directory.candidates()).extracting(Candidate::weight).containsExactly(100, 700);
        assertThat(changes).hasValue(1);

        registry.publish(List.of(instance(A), instance(B), instance(C)));
        assertThat(changes).hasValue(2);
        listener.close();
        registry.publish(List.of(instance(A)));
        assertThat(changes).hasValue(2);
    }

    @Test
    void newInstance_getsTheWeightOverrideAlreadyConfigured() {
        registry.publish(new DynamicConfig(1, Map.of(C, 5), Set.of(), Map.of(), List.of(), Map.of()));

        registry.publish(List.of(instance(C)));

        assertThat(directory.candidates().get(0).weight()).isEqualTo(5);
    }

    @Test
    void factoryThatFails_leavesOnlyThatInstanceOut() {
        RegistryDirectory partial = RegistryDirectory.subscribe(
                registry,
                Greeter.KEY,
                instance -> {
                    if (instance.endpoint().equals(B)) {
                        throw new IllegalStateException("no route to host");
                    }
                    return invokers.apply(instance);
                },
                new FakeTicker());
        try {
            registry.publish(List.of(instance(A), instance(B), instance(C)));

            assertThat(partial.candidates())
                    .extracting(candidate -> candidate.instance().endpoint())
                    .containsExactly(A, C);
        } finally {
            partial.close();
        }
    }

    @Test
    void instanceOfAnotherService_orASecondRegistration_isIgnored() {
        ServiceInstance other = ServiceInstance.builder(new ServiceKey("", "com.example.Other", ""), B)
                .build();

        registry.publish(
                List.of(instance(A), other, instance(A).toBuilder().weight(7).build()));

        assertThat(endpoints()).containsExactly(A);
        assertThat(directory.candidates().get(0).weight()).isEqualTo(100);
    }

    @Test
    void close_stopsTheSubscriptionsAndClosesEveryInvoker() {
        registry.publish(List.of(instance(A), instance(B)));

        directory.close();
        directory.close();

        assertThat(registry.openSubscriptions()).isZero();
        assertThat(invokers.closed(A)).isEqualTo(1);
        assertThat(invokers.closed(B)).isEqualTo(1);
        assertThat(directory.candidates()).isEmpty();
    }

    private List<Endpoint> endpoints() {
        return directory.candidates().stream()
                .map(candidate -> candidate.instance().endpoint())
                .toList();
    }

    private static ServiceInstance instance(Endpoint endpoint) {
        return ServiceInstance.builder(Greeter.KEY, endpoint).build();
    }

    private record HeldInvoker(CompletableFuture<RpcResult> answer, AtomicInteger closes)
            implements Invoker, AutoCloseable {
        @Override
        public CompletableFuture<RpcResult> invoke(io.courier.api.Invocation invocation) {
            return answer;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }
}
