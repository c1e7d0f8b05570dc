package io.courier.cluster.loadbalance;

import static io.courier.cluster.loadbalance.RandomLoadBalancerTest.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.courier.api.Endpoint;
import io.courier.api.RpcResult;
import io.courier.api.ServiceInstance;
import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.LoadBalancer;
import io.courier.cluster.internal.InstanceCandidate;
import io.courier.cluster.testing.Calls;
import io.courier.cluster.testing.FakeTicker;
import io.courier.cluster.testing.Greeter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class WarmupTest {

    private static final long WARMUP_MILLIS = Duration.ofMinutes(10).toMillis();

    private final FakeTicker ticker = new FakeTicker();

    @Test
    void warmupWeight_rampsLinearlyFromATenthToTheFullWeight() {
        assertThat(Candidate.warmupWeight(100, 0, WARMUP_MILLIS)).isEqualTo(10);
        assertThat(Candidate.warmupWeight(100, WARMUP_MILLIS / 20, WARMUP_MILLIS))
                .isEqualTo(10);
        assertThat(Candidate.warmupWeight(100, WARMUP_MILLIS / 2, WARMUP_MILLIS))
                .isEqualTo(50);
        assertThat(Candidate.warmupWeight(100, WARMUP_MILLIS * 4 / 5, WARMUP_MILLIS))
                .isEqualTo(80);
        assertThat(Candidate.warmupWeight(100, WARMUP_MILLIS - 1, WARMUP_MILLIS))
                .isEqualTo(99);
        assertThat(Candidate.warmupWeight(100, WARMUP_MILLIS, WARMUP_MILLIS)).isEqualTo(100);
        assertThat(Candidate.warmupWeight(100, -5_000, WARMUP_MILLIS)).isEqualTo(10);
        assertThat(Candidate.warmupWeight(5, 0, WARMUP_MILLIS)).isEqualTo(1);
        assertThat(Candidate.warmupWeight(100, 0, 0)).isEqualTo(100);
    }

    @Test
    void newInstanceShare_growsOverTheWarmupAsConfigured() {
        InstanceCandidate warm =
                candidate(1, ticker.currentTimeMillis() - Duration.ofHours(1).toMillis());
        InstanceCandidate fresh = candidate(2, ticker.currentTimeMillis());
        LoadBalancer.Picker<InstanceCandidate> picker =
                new RandomLoadBalancer().picker(List.of(warm, fresh), Calls.key(Greeter.HELLO));

        double previous = 0;
        long elapsedMinutes = 0;
        for (long minute : new long[] {0, 2, 5, 8, 10, 12}) {
            ticker.advance(Duration.ofMinutes(minute - elapsedMinutes));
            elapsedMinutes = minute;
            int expectedWeight = (int) Math.min(100, Math.max(10, minute * 10));
            double expected = expectedWeight / (100.0 + expectedWeight);

            assertThat(fresh.weight()).isEqualTo(expectedWeight);
            double share = freshShare(picker, fresh);
            assertThat(share).as("share at minute %d", minute).isCloseTo(expected, within(0.02));
            if (minute <= 10) {
                assertThat(share).isGreaterThan(previous);
            }
            previous = share;
        }
    }

    @Test
    void roundRobin_followsTheRampedWeightExactly() {
        InstanceCandidate warm =
                candidate(1, ticker.currentTimeMillis() - Duration.ofHours(1).toMillis());
        InstanceCandidate fresh = candidate(2, ticker.currentTimeMillis());
        LoadBalancer.Picker<InstanceCandidate> picker =
                new RoundRobinLoadBalancer().picker(List.of(warm, fresh), Calls.key(Greeter.HELLO));
        ticker.advance(Duration.ofMinutes(5));

        int freshPicks = 0;
        for (int i = 0; i < 150; i++) {
            if (picker.pick(Calls.of(Greeter.HELLO, "x"), List.of()) == fresh) {
                freshPicks++;
            }
        }
        assertThat(freshPicks).isEqualTo(50);
    }

    @Test
    void weightOverride_isRampedToo() {
        InstanceCandidate fresh = candidate(2, ticker.currentTimeMillis());
        fresh.overrideWeight(400);
        ticker.advance(Duration.ofMinutes(5));

        assertThat(fresh.weight()).isEqualTo(200);
    }

    private static double freshShare(LoadBalancer.Picker<InstanceCandidate> picker, InstanceCandidate fresh) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            InstanceCandidate picked = picker.pick(Calls.of(Greeter.HELLO, "x"), List.of());
            counts.merge(picked == fresh ? "fresh" : "warm", 1, Integer::sum);
        }
        return share(counts, "fresh");
    }

    private InstanceCandidate candidate(int n, long startedAtMillis) {
        ServiceInstance instance = ServiceInstance.builder(Greeter.KEY, Endpoint.of("10.0.0." + n, 20880))
                .weight(100)
                .startedAtMillis(startedAtMillis)
                .warmupMillis(WARMUP_MILLIS)
                .build();
        return new InstanceCandidate(
                instance, invocation -> CompletableFuture.completedFuture(RpcResult.of(null)), ticker);
    }
}
