package io.courier.cluster.loadbalance;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Endpoint;
import io.courier.api.Invocation;
import io.courier.api.RpcResult;
import io.courier.api.ServiceInstance;
import io.courier.api.cluster.LoadBalancer;
import io.courier.cluster.internal.InstanceCandidate;
import io.courier.cluster.testing.Calls;
import io.courier.cluster.testing.FakeTicker;
import io.courier.cluster.testing.Greeter;
import io.courier.cluster.testing.TestCandidate;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PowerOfTwoChoicesLoadBalancerTest {

    private static final int CALLS = 20_000;
    /** One call every 250 µs: 4 calls per millisecond. */
    private static final long INTERVAL_NANOS = 250_000;

    private static final long FAST_NANOS = 1_000_000;
    private static final long SLOW_NANOS = 10 * FAST_NANOS;

    @Test
    void tenTimesSlowerInstance_receivesUnderTenPercentOfCalls() {
        assertThat(slowShare(new PowerOfTwoChoicesLoadBalancer())).isLessThan(0.10);
    }

    @Test
    void sameSimulation_withRandom_sendsTheSlowInstanceAThird() {
        // Shows that the simulation itself does not favour the fast instances.
        assertThat(slowShare(new RandomLoadBalancer())).isBetween(0.30, 0.37);
    }

    @Test
    void pick_choosesTheLowerLatencyTimesLoadOfTheTwo() {
        TestCandidate fast =
                TestCandidate.of("fast", 100).latencyNanos(1_000_000).inFlight(0);
        TestCandidate slow =
                TestCandidate.of("slow", 100).latencyNanos(10_000_000).inFlight(0);
        LoadBalancer.Picker<TestCandidate> picker =
                new PowerOfTwoChoicesLoadBalancer().picker(List.of(fast, slow), Calls.key(Greeter.HELLO));
        Invocation call = Calls.of(Greeter.HELLO, "x");

        assertThat(picker.pick(call, List.of())).isSameAs(fast);

        fast.inFlight(10); // 1 ms × 11 > 10 ms × 1
        assertThat(picker.pick(call, List.of())).isSameAs(slow);
    }

    /**
     * A discrete-event simulation on a fake clock: calls arrive at a fixed rate, each instance
     * answers after its fixed latency, and the balancer sees the real in-flight counts and latency
     * averages that {@link InstanceCandidate} keeps. Returns the slow instance's share of calls.
     */
    private static double slowShare(LoadBalancer balancer) {
        FakeTicker ticker = new FakeTicker();
        long origin = ticker.nanoTime();
        PriorityQueue<Answer> answers = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));
        InstanceCandidate fast1 = simulated(1, FAST_NANOS, ticker, answers, origin);
        InstanceCandidate fast2 = simulated(2, FAST_NANOS, ticker, answers, origin);
        InstanceCandidate slow = simulated(3, SLOW_NANOS, ticker, answers, origin);
        LoadBalancer.Picker<InstanceCandidate> picker =
                balancer.picker(List.of(fast1, slow, fast2), Calls.key(Greeter.HELLO));
        Invocation call = Calls.of(Greeter.HELLO, "x");

        int slowCalls = 0;
        for (int i = 0; i < CALLS; i++) {
            long arrival = origin + i * INTERVAL_NANOS;
            while (!answers.isEmpty() && answers.peek().at <= arrival) {
                Answer answer = answers.poll();
                ticker.advanceNanos(answer.at - ticker.nanoTime());
                answer.future.complete(RpcResult.of(null));
            }
            ticker.advanceNanos(arrival - ticker.nanoTime());
            InstanceCandidate chosen = picker.pick(call, List.of());
            if (chosen == slow) {
                slowCalls++;
            }
            chosen.invoker().invoke(call);
        }
        return slowCalls / (double) CALLS;
    }

    private static InstanceCandidate simulated(
            int n, long latency, FakeTicker ticker, PriorityQueue<Answer> answers, long origin) {
        ServiceInstance instance = ServiceInstance.builder(Greeter.KEY, Endpoint.of("10.0.0." + n, 20880))
                .build();
        return new InstanceCandidate(
                instance,
                invocation -> {
                    CompletableFuture<RpcResult> future = new CompletableFuture<>();
                    answers.add(new Answer(ticker.nanoTime() + latency, future));
                    return future;
                },
                ticker);
    }

    private record Answer(long at, CompletableFuture<RpcResult> future) {}
}
