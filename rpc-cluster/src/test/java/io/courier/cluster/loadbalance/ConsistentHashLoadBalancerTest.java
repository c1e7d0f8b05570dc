package io.courier.cluster.loadbalance;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Endpoint;
import io.courier.api.cluster.LoadBalancer;
import io.courier.cluster.testing.Calls;
import io.courier.cluster.testing.Greeter;
import io.courier.cluster.testing.TestCandidate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConsistentHashLoadBalancerTest {

    private static final int KEYS = 10_000;

    private final ConsistentHashLoadBalancer balancer = new ConsistentHashLoadBalancer();

    @Test
    void removingOneOfTenInstances_remapsOnlyItsKeys_atMostFifteenPercent() {
        List<TestCandidate> ten = instances(10);
        List<TestCandidate> nine = new ArrayList<>(ten);
        TestCandidate removed = nine.remove(3);

        Map<String, String> before = mapping(balancer.picker(ten, Calls.key(Greeter.HELLO)));
        Map<String, String> after = mapping(balancer.picker(nine, Calls.key(Greeter.HELLO)));

        long remapped = before.keySet().stream()
                .filter(key -> !before.get(key).equals(after.get(key)))
                .count();
        long ownedByRemoved =
                before.values().stream().filter(removed.name()::equals).count();
        assertThat(ownedByRemoved).isPositive();
        assertThat(remapped).isEqualTo(ownedByRemoved).isLessThanOrEqualTo(KEYS * 15 / 100);
    }

    @Test
    void sameKey_alwaysLandsOnTheSameInstance_whateverTheListOrder() {
        List<TestCandidate> ordered = instances(10);
        List<TestCandidate> shuffled = new ArrayList<>(ordered);
        Collections.shuffle(shuffled, new Random(7));

        LoadBalancer.Picker<TestCandidate> first = balancer.picker(ordered, Calls.key(Greeter.HELLO));
        LoadBalancer.Picker<TestCandidate> second = balancer.picker(shuffled, Calls.key(Greeter.HELLO));

        Map<String, String> mapping = mapping(first);
        assertThat(mapping(first)).isEqualTo(mapping);
        assertThat(mapping(second)).isEqualTo(mapping);
    }

    @Test
    void keys_spreadOverEveryInstance() {
        Map<String, Integer> load = new HashMap<>();
        mapping(balancer.picker(instances(10), Calls.key(Greeter.HELLO)))
                .values()
                .forEach(owner -> load.merge(owner, 1, Integer::sum));

        assertThat(load).hasSize(10);
        assertThat(load.values()).allSatisfy(count -> assertThat(count).isBetween(KEYS * 5 / 100, KEYS * 15 / 100));
    }

    @Test
    void onlyTheHashKeyArgument_decidesTheInstance() {
        LoadBalancer.Picker<TestCandidate> picker = balancer.picker(instances(10), Calls.key(Greeter.LOOKUP));
        Set<String> owners = new java.util.HashSet<>();
        for (String region : List.of("eu", "us", "ap", "sa", "af")) {
            owners.add(picker.pick(Calls.of(Greeter.LOOKUP, region, "alice"), List.of())
                    .name());
        }
        assertThat(owners).hasSize(1);

        Set<String> userOwners = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            userOwners.add(picker.pick(Calls.of(Greeter.LOOKUP, "eu", "user-" + i), List.of())
                    .name());
        }
        assertThat(userOwners).hasSizeGreaterThan(5);
    }

    @Test
    void hashedParameters_defaultToTheFirst_andFollowHashKey() {
        assertThat(ConsistentHashLoadBalancer.hashedParameters(Greeter.HELLO)).containsExactly(0);
        assertThat(ConsistentHashLoadBalancer.hashedParameters(Greeter.LOOKUP)).containsExactly(1);
        assertThat(ConsistentHashLoadBalancer.hashedParameters(Greeter.PING)).isEmpty();
    }

    @Test
    void retry_walksClockwiseToTheNextInstanceNotTried() {
        List<TestCandidate> candidates = instances(5);
        LoadBalancer.Picker<TestCandidate> picker = balancer.picker(candidates, Calls.key(Greeter.HELLO));
        var call = Calls.of(Greeter.HELLO, "key-42");

        TestCandidate owner = picker.pick(call, List.of());
        TestCandidate next = picker.pick(call, List.of(owner));
        TestCandidate third = picker.pick(call, List.of(owner, next));

        assertThat(next).isNotSameAs(owner);
        assertThat(picker.pick(call, List.of(owner))).isSameAs(next);
        assertThat(third).isNotIn(owner, next);
        assertThat(picker.pick(call, candidates)).isNull();
    }

    @Test
    void methodWithoutParameters_hashesItsName() {
        LoadBalancer.Picker<TestCandidate> picker = balancer.picker(instances(10), Calls.key(Greeter.PING));
        TestCandidate owner = picker.pick(Calls.of(Greeter.PING), List.of());
        for (int i = 0; i < 100; i++) {
            assertThat(picker.pick(Calls.of(Greeter.PING), List.of())).isSameAs(owner);
        }
    }

    private static List<TestCandidate> instances(int count) {
        List<TestCandidate> instances = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            instances.add(TestCandidate.at("n" + i, Endpoint.of("10.0.0." + i, 20880), 100, Set.of()));
        }
        return instances;
    }

    private static Map<String, String> mapping(LoadBalancer.Picker<TestCandidate> picker) {
        Map<String, String> mapping = new HashMap<>();
        for (int i = 0; i < KEYS; i++) {
            String key = "user-" + i;
            mapping.put(
                    key, picker.pick(Calls.of(Greeter.HELLO, key), List.of()).name());
        }
        return mapping;
    }
}
