package io.courier.cluster.loadbalance;

import static io.courier.cluster.loadbalance.RandomLoadBalancerTest.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.courier.api.Invocation;
import io.courier.api.cluster.LoadBalancer;
import io.courier.cluster.testing.Calls;
import io.courier.cluster.testing.Greeter;
import io.courier.cluster.testing.TestCandidate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeastActiveLoadBalancerTest {

    private final Invocation call = Calls.of(Greeter.HELLO, "x");

    @Test
    void pick_prefersTheIdleInstance() {
        TestCandidate busy = TestCandidate.of("busy", 100).inFlight(5);
        TestCandidate idle = TestCandidate.of("idle", 100).inFlight(0);
        TestCandidate loaded = TestCandidate.of("loaded", 1_000).inFlight(1);
        LoadBalancer.Picker<TestCandidate> picker =
                new LeastActiveLoadBalancer().picker(List.of(busy, idle, loaded), Calls.key(Greeter.HELLO));

        for (int i = 0; i < 1_000; i++) {
            assertThat(picker.pick(call, List.of())).isSameAs(idle);
        }
    }

    @Test
    void pick_breaksTiesByWeight() {
        TestCandidate light = TestCandidate.of("light", 100).inFlight(2);
        TestCandidate heavy = TestCandidate.of("heavy", 300).inFlight(2);
        TestCandidate busy = TestCandidate.of("busy", 100).inFlight(9);
        LoadBalancer.Picker<TestCandidate> picker =
                new LeastActiveLoadBalancer().picker(List.of(light, heavy, busy), Calls.key(Greeter.HELLO));

        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 100_000; i++) {
            counts.merge(picker.pick(call, List.of()).name(), 1, Integer::sum);
        }

        assertThat(counts).doesNotContainKey("busy");
        assertThat(share(counts, "heavy")).isCloseTo(0.75, within(0.02));
    }

    @Test
    void pick_skipsExcludedEvenWhenIdle() {
        TestCandidate busy = TestCandidate.of("busy", 100).inFlight(5);
        TestCandidate idle = TestCandidate.of("idle", 100).inFlight(0);
        LoadBalancer.Picker<TestCandidate> picker =
                new LeastActiveLoadBalancer().picker(List.of(busy, idle), Calls.key(Greeter.HELLO));

        assertThat(picker.pick(call, List.of(idle))).isSameAs(busy);
    }
}
