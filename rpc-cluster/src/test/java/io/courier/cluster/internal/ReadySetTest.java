package io.courier.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import io.courier.api.Endpoint;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.MethodDescriptor;
import io.courier.api.ReferenceOptions;
import io.courier.api.ServiceInstance;
import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.LoadBalancer;
import io.courier.api.cluster.RouteKey;
import io.courier.cluster.ClusterOptions;
import io.courier.cluster.loadbalance.RandomLoadBalancer;
import io.courier.cluster.loadbalance.RoundRobinLoadBalancer;
import io.courier.cluster.testing.Calls;
import io.courier.cluster.testing.FakeTicker;
import io.courier.cluster.testing.Greeter;
import io.courier.cluster.testing.TestCandidate;
import io.courier.cluster.testing.TestDirectory;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReadySetTest {

    private final FakeTicker ticker = new FakeTicker();
    private final Invocation call = Calls.of(Greeter.HELLO, "x");

    @Test
    void select_with999DeadAndOneReady_picksTheReadyOneEveryTime_withOneAvailabilityCheckPerCall() {
        List<CountingCandidate> fleet = fleet(1_000);
        fleet.forEach(candidate -> candidate.available(false));
        CountingCandidate live = fleet.get(637);
        live.available(true);
        RoutingSelector selector = selector(fleet, new RandomLoadBalancer());
        select(selector); // builds the ready set once
        fleet.forEach(candidate -> candidate.checks.set(0));

        for (int i = 0; i < 10_000; i++) {
            assertThat(select(selector)).isSameAs(live);
        }

        int checks =
                fleet.stream().mapToInt(candidate -> candidate.checks.get()).sum();
        assertThat(checks).as("availability checks for 10,000 calls").isEqualTo(10_000);
    }

    @Test
    void select_overMostlyDeadInstances_allocatesNothingPerCall() {
        List<CountingCandidate> fleet = fleet(1_000);
        for (int i = 0; i < fleet.size(); i++) {
            fleet.get(i).available(i % 10 == 0);
        }
        RoutingSelector selector = selector(fleet, new RoundRobinLoadBalancer());
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            select(selector); // warm up, so that the measurement sees compiled code
        }

        RouteKey key = selector.routeKey(call);
        List<Candidate> none = List.of();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            selector.select(key, call, none);
        }
        long perCall = (threads.getCurrentThreadAllocatedBytes() - before) / 100_000;

        assertThat(perCall).as("bytes allocated per select").isLessThan(8);
    }

    @Test
    void candidateThatStops_isSkippedAtOnce_andOneThatBecomesReady_joinsAtTheNextRebuild() {
        List<CountingCandidate> fleet = fleet(3);
        CountingCandidate a = fleet.get(0);
        CountingCandidate b = fleet.get(1);
        CountingCandidate c = fleet.get(2);
        b.available(false);
        c.available(false);
        RoutingSelector selector = selector(fleet, new RandomLoadBalancer());
        assertThat(select(selector)).isSameAs(a);

        b.available(true);
        ticker.advance(Duration.ofMillis(ReadySet.REFRESH_MILLIS - 1));
        assertThat(select(selector)).as("b is not in the snapshot yet").isSameAs(a);
        a.available(false);
        assertThat(select(selector))
                .as("a, the only one the snapshot lists, is found unavailable: the set is rebuilt at once")
                .isSameAs(b);

        a.available(true);
        ticker.advance(Duration.ofMillis(ReadySet.REFRESH_MILLIS));
        List<Candidate> picks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            picks.add(select(selector));
        }
        assertThat(picks).contains(a, b).doesNotContain(c);
    }

    @Test
    void noneReady_triesARoutedCandidate_andUsesAFirstConnectionAfterAMillisecond() {
        List<CountingCandidate> fleet = fleet(2);
        fleet.forEach(candidate -> candidate.available(false));
        RoutingSelector selector = selector(fleet, new RandomLoadBalancer());

        assertThat(select(selector)).isIn(fleet.get(0), fleet.get(1));

        fleet.get(1).available(true);
        ticker.advance(Duration.ofMillis(ReadySet.EMPTY_REFRESH_MILLIS));
        assertThat(select(selector)).isSameAs(fleet.get(1));
    }

    @Test
    void unreachable_countsTheInstancesThatCannotTakeCalls_atMostOncePerSecond() {
        List<CountingCandidate> fleet = fleet(10);
        for (int i = 0; i < 9; i++) {
            fleet.get(i).available(false);
        }
        RoutingSelector selector = selector(fleet, new RandomLoadBalancer());

        assertThat(selector.unreachable()).isEqualTo(9);
        fleet.get(0).available(true);
        assertThat(selector.unreachable())
                .as("within the second: the last count")
                .isEqualTo(9);
        ticker.advance(Duration.ofMillis(Census.COUNT_MILLIS));
        assertThat(selector.unreachable()).isEqualTo(8);
    }

    private RoutingSelector selector(List<? extends Candidate> fleet, LoadBalancer balancer) {
        return RoutingSelector.create(
                new TestDirectory(fleet),
                List.of(),
                balancer,
                ReferenceOptions.defaults(),
                "",
                "",
                ClusterOptions.defaults(),
                ticker);
    }

    private Candidate select(RoutingSelector selector) {
        return selector.select(selector.routeKey(call), call, List.of());
    }

    private static List<CountingCandidate> fleet(int size) {
        List<CountingCandidate> fleet = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            fleet.add(new CountingCandidate(i));
        }
        return fleet;
    }

    /** A candidate that counts how often its availability for a method is asked. */
    private static final class CountingCandidate implements Candidate {
        final AtomicInteger checks = new AtomicInteger();
        private final TestCandidate delegate;

        CountingCandidate(int index) {
            delegate = TestCandidate.at(
                    "c" + index, Endpoint.of("10.1." + index / 250 + "." + index % 250, 20880), 100, Set.of());
        }

        void available(boolean available) {
            delegate.available(available);
        }

        @Override
        public ServiceInstance instance() {
            return delegate.instance();
        }

        @Override
        public Invoker invoker() {
            return delegate.invoker();
        }

        @Override
        public int weight() {
            return delegate.weight();
        }

        @Override
        public int inFlight() {
            return delegate.inFlight();
        }

        @Override
        public long averageLatencyNanos() {
            return delegate.averageLatencyNanos();
        }

        @Override
        public boolean available() {
            return delegate.available();
        }

        @Override
        public boolean available(MethodDescriptor method) {
            checks.incrementAndGet();
            return delegate.available(method);
        }
    }
}
