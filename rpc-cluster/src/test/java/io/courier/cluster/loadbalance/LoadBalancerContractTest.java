package io.courier.cluster.loadbalance;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.LoadBalancer;
import io.courier.cluster.testing.Calls;
import io.courier.cluster.testing.Greeter;
import io.courier.cluster.testing.TestCandidate;
import io.courier.spi.ExtensionLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every load balancer must do, run against each one found by the extension loader. */
class LoadBalancerContractTest {

    static List<String> names() {
        return List.copyOf(ExtensionLoader.of(LoadBalancer.class).names());
    }

    @Test
    void allSixBalancers_areRegistered_andRandomIsTheDefault() {
        ExtensionLoader<LoadBalancer> loader = ExtensionLoader.of(LoadBalancer.class);
        assertThat(loader.names())
                .containsExactlyInAnyOrder(
                        "random", "roundrobin", "leastactive", "consistenthash", "shortestresponse", "p2c");
        assertThat(loader.getDefault()).isInstanceOf(RandomLoadBalancer.class);
    }

    @ParameterizedTest
    @MethodSource("names")
    void singleCandidate_isAlwaysPicked_unlessExcluded(String name) {
        TestCandidate only = TestCandidate.of("only", 100);
        LoadBalancer.Picker<TestCandidate> picker = balancer(name).picker(List.of(only), Calls.key(Greeter.HELLO));

        assertThat(picker.pick(Calls.of(Greeter.HELLO, "x"), List.of())).isSameAs(only);
        assertThat(picker.pick(Calls.of(Greeter.HELLO, "x"), List.of(only))).isNull();
    }

    @ParameterizedTest
    @MethodSource("names")
    void pick_neverReturnsAnExcludedCandidate_andNullWhenAllAre(String name) {
        List<TestCandidate> candidates = List.of(
                TestCandidate.of("a", 100).latencyNanos(1_000),
                TestCandidate.of("b", 200).latencyNanos(2_000),
                TestCandidate.of("c", 300),
                TestCandidate.of("d", 400).inFlight(3));
        LoadBalancer.Picker<TestCandidate> picker = balancer(name).picker(candidates, Calls.key(Greeter.HELLO));

        for (int i = 0; i < 2_000; i++) {
            List<Candidate> excluded = List.of(candidates.get(i % 4), candidates.get((i + 1) % 4));
            TestCandidate picked = picker.pick(Calls.of(Greeter.HELLO, "key-" + i), excluded);
            assertThat(picked).isIn(candidates).isNotIn(excluded);
        }
        assertThat(picker.pick(Calls.of(Greeter.HELLO, "x"), candidates)).isNull();
    }

    @ParameterizedTest
    @MethodSource("names")
    @Timeout(30)
    void concurrentPicks_alwaysReturnACandidateOfTheList(String name) throws Exception {
        List<TestCandidate> candidates =
                List.of(TestCandidate.of("a", 100), TestCandidate.of("b", 50), TestCandidate.of("c", 10));
        LoadBalancer.Picker<TestCandidate> picker = balancer(name).picker(candidates, Calls.key(Greeter.HELLO));
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(threads.submit(() -> {
                    int picked = 0;
                    for (int i = 0; i < 10_000; i++) {
                        if (candidates.contains(picker.pick(Calls.of(Greeter.HELLO, "k" + i), List.of()))) {
                            picked++;
                        }
                    }
                    return picked;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get(20, TimeUnit.SECONDS)).isEqualTo(10_000);
            }
        } finally {
            threads.shutdownNow();
            assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static LoadBalancer balancer(String name) {
        return ExtensionLoader.of(LoadBalancer.class).get(name);
    }
}
