package io.courier.cluster.loadbalance;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Invocation;
import io.courier.api.cluster.LoadBalancer;
import io.courier.cluster.testing.Calls;
import io.courier.cluster.testing.Greeter;
import io.courier.cluster.testing.TestCandidate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoundRobinLoadBalancerTest {

    private final Invocation call = Calls.of(Greeter.HELLO, "x");

    @Test
    void smoothWeights_5_1_1_yieldExactlyTheNginxSequenceEveryCycle() {
        LoadBalancer.Picker<TestCandidate> picker = new RoundRobinLoadBalancer()
                .picker(
                        List.of(TestCandidate.of("a", 5), TestCandidate.of("b", 1), TestCandidate.of("c", 1)),
                        Calls.key(Greeter.HELLO));

        for (int cycle = 0; cycle < 3; cycle++) {
            assertThat(names(picker, 7)).containsExactly("a", "a", "b", "a", "c", "a", "a");
        }
    }

    @Test
    void equalWeights_rotateInOrder() {
        LoadBalancer.Picker<TestCandidate> picker = new RoundRobinLoadBalancer()
                .picker(
                        List.of(TestCandidate.of("a", 100), TestCandidate.of("b", 100), TestCandidate.of("c", 100)),
                        Calls.key(Greeter.HELLO));

        assertThat(names(picker, 6)).containsExactly("a", "b", "c", "a", "b", "c");
    }

    @Test
    void everyCycle_choosesEachCandidateExactlyInProportionToItsWeight() {
        LoadBalancer.Picker<TestCandidate> picker = new RoundRobinLoadBalancer()
                .picker(
                        List.of(TestCandidate.of("a", 7), TestCandidate.of("b", 3), TestCandidate.of("c", 2)),
                        Calls.key(Greeter.HELLO));

        for (int cycle = 0; cycle < 5; cycle++) {
            Map<String, Integer> counts = new HashMap<>();
            names(picker, 12).forEach(name -> counts.merge(name, 1, Integer::sum));
            assertThat(counts).containsEntry("a", 7).containsEntry("b", 3).containsEntry("c", 2);
        }
    }

    @Test
    void excludedCandidates_areSkipped() {
        TestCandidate a = TestCandidate.of("a", 5);
        TestCandidate b = TestCandidate.of("b", 1);
        LoadBalancer.Picker<TestCandidate> picker =
                new RoundRobinLoadBalancer().picker(List.of(a, b), Calls.key(Greeter.HELLO));

        for (int i = 0; i < 10; i++) {
            assertThat(picker.pick(call, List.of(a))).isSameAs(b);
        }
        assertThat(picker.pick(call, List.of(a, b))).isNull();
    }

    private List<String> names(LoadBalancer.Picker<TestCandidate> picker, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(picker.pick(call, List.of()).name());
        }
        return names;
    }
}
