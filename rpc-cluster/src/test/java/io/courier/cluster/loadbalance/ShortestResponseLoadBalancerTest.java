package io.courier.cluster.loadbalance;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Invocation;
import io.courier.api.cluster.LoadBalancer;
import io.courier.cluster.testing.Calls;
import io.courier.cluster.testing.Greeter;
import io.courier.cluster.testing.TestCandidate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShortestResponseLoadBalancerTest {

    private final Invocation call = Calls.of(Greeter.HELLO, "x");

    @Test
    void pick_prefersTheLowestLatencyTimesLoad() {
        // expected cost: fast 2 ms × 3 = 6, slow 5 ms × 1 = 5, medium 3 ms × 2 = 6
        TestCandidate fast =
                TestCandidate.of("fast", 100).latencyNanos(2_000_000).inFlight(2);
        TestCandidate slow =
                TestCandidate.of("slow", 100).latencyNanos(5_000_000).inFlight(0);
        TestCandidate medium =
                TestCandidate.of("medium", 100).latencyNanos(3_000_000).inFlight(1);
        LoadBalancer.Picker<TestCandidate> picker =
                new ShortestResponseLoadBalancer().picker(List.of(fast, slow, medium), Calls.key(Greeter.HELLO));

        assertThat(picker.pick(call, List.of())).isSameAs(slow);

        slow.inFlight(3);
        assertThat(picker.pick(call, List.of())).isIn(fast, medium);
    }

    @Test
    void unmeasuredInstance_isScoredWithThePeersMeanNotAsFree() {
        TestCandidate measured =
                TestCandidate.of("measured", 100).latencyNanos(1_000_000).inFlight(0);
        TestCandidate fresh = TestCandidate.of("fresh", 100).latencyNanos(0).inFlight(4);
        LoadBalancer.Picker<TestCandidate> picker =
                new ShortestResponseLoadBalancer().picker(List.of(measured, fresh), Calls.key(Greeter.HELLO));

        // With latency 0 the fresh instance would win whatever its load; scored as 1 ms × 5 it loses.
        assertThat(picker.pick(call, List.of())).isSameAs(measured);
    }

    @Test
    void heavierWeight_toleratesProportionallyMoreLatency() {
        TestCandidate light = TestCandidate.of("light", 100).latencyNanos(1_000_000);
        TestCandidate heavy = TestCandidate.of("heavy", 400).latencyNanos(3_000_000);
        LoadBalancer.Picker<TestCandidate> picker =
                new ShortestResponseLoadBalancer().picker(List.of(light, heavy), Calls.key(Greeter.HELLO));

        assertThat(picker.pick(call, List.of())).isSameAs(heavy);
    }
}
