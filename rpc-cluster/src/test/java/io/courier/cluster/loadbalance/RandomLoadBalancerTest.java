package io.courier.cluster.loadbalance;

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

class RandomLoadBalancerTest {

    private static final int PICKS = 100_000;

    @Test
    void pick_followsWeightsWithinTwoPercent() {
        List<TestCandidate> candidates = List.of(
                TestCandidate.of("a", 100),
                TestCandidate.of("b", 200),
                TestCandidate.of("c", 300),
                TestCandidate.of("d", 400));
        LoadBalancer.Picker<TestCandidate> picker =
                new RandomLoadBalancer().picker(candidates, Calls.key(Greeter.HELLO));
        Invocation call = Calls.of(Greeter.HELLO, "x");

        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < PICKS; i++) {
            counts.merge(picker.pick(call, List.of()).name(), 1, Integer::sum);
        }

        assertThat(share(counts, "a")).isCloseTo(0.10, within(0.02));
        assertThat(share(counts, "b")).isCloseTo(0.20, within(0.02));
        assertThat(share(counts, "c")).isCloseTo(0.30, within(0.02));
        assertThat(share(counts, "d")).isCloseTo(0.40, within(0.02));
    }

    @Test
    void pick_withExclusions_followsTheWeightsOfTheRest() {
        TestCandidate a = TestCandidate.of("a", 100);
        TestCandidate b = TestCandidate.of("b", 300);
        TestCandidate c = TestCandidate.of("c", 600);
        LoadBalancer.Picker<TestCandidate> picker =
                new RandomLoadBalancer().picker(List.of(a, b, c), Calls.key(Greeter.HELLO));

        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < PICKS; i++) {
            counts.merge(picker.pick(Calls.of(Greeter.HELLO, "x"), List.of(c)).name(), 1, Integer::sum);
        }

        assertThat(counts).doesNotContainKey("c");
        assertThat(share(counts, "a")).isCloseTo(0.25, within(0.02));
    }

    @Test
    void pick_readsWeightChangesWithoutANewPicker() {
        TestCandidate a = TestCandidate.of("a", 100);
        TestCandidate b = TestCandidate.of("b", 100);
        LoadBalancer.Picker<TestCandidate> picker =
                new RandomLoadBalancer().picker(List.of(a, b), Calls.key(Greeter.HELLO));
        b.weight(900);

        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < PICKS; i++) {
            counts.merge(picker.pick(Calls.of(Greeter.HELLO, "x"), List.of()).name(), 1, Integer::sum);
        }

        assertThat(share(counts, "b")).isCloseTo(0.90, within(0.02));
    }

    static double share(Map<String, Integer> counts, String name) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        return counts.getOrDefault(name, 0) / (double) total;
    }
}
