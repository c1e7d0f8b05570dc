package io.courier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.bootstrap.Courier;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One provider can run two calls at a time and queues none; another has room. Under a load the small
 * one cannot take, its refusals (SERVER_BUSY, "not executed") come back at once, not at the timeout,
 * and the cluster sends those calls to the other provider: not one call fails, and no write runs
 * twice although writes are not idempotent.
 */
@Timeout(120)
class OverloadIT {

    private static final int CALLERS = 8;
    private static final int WORK_MILLIS = 300;
    private static final long TIMEOUT_MILLIS = 3_000;

    private Fleet fleet;

    @BeforeEach
    void startFleet() {
        fleet = Fleet.start("overload");
        RecordingLoadBalancer.reset();
    }

    @AfterEach
    void closeFleet() {
        fleet.close();
    }

    @Test
    void overloadedProvider_refusesAtOnce_andTheRefusedCallsRunOnAnotherProvider() {
        ProviderProcess small = fleet.startProvider(
                "small", Map.of("courier.server.threads", "2", "courier.server.queue-capacity", "0"));
        ProviderProcess large = fleet.startProvider("large", Map.of("courier.server.threads", "64"));
        Courier consumer = fleet.consumer(Map.of());
        LedgerService cluster =
                consumer.reference(LedgerService.class, Fleet.referenceOptions().build());
        LedgerService smallOnly = consumer.reference(
                LedgerService.class,
                Fleet.referenceOptions()
                        .retries(0)
                        .directEndpoints(List.of(small.endpoint()))
                        .build());
        fleet.awaitServing(cluster, List.of(small, large));

        // 1. Straight at the small provider, no retries: the refusals themselves, and how fast they are
        // once the classes of this path are loaded and compiled (a first, unmeasured round).
        Load warmUp =
                fleet.load(Duration.ofSeconds(30)).add("warm-up", CALLERS, id -> smallOnly.write(id, WORK_MILLIS));
        await().atMost(Duration.ofSeconds(30)).until(() -> warmUp.failures().size() >= 100);
        warmUp.stop();
        Load direct = fleet.load(Duration.ofSeconds(30)).add("direct", CALLERS, id -> smallOnly.write(id, WORK_MILLIS));
        await().atMost(Duration.ofSeconds(30)).until(() -> direct.failures().size() >= 300);
        direct.stop();
        List<Load.Outcome> refused = direct.failures();
        long[] refusalMicros = refused.stream()
                .mapToLong(o -> (o.endNanos() - o.startNanos()) / 1_000)
                .sorted()
                .toArray();
        long p99Micros =
                refusalMicros[(int) Math.min(refusalMicros.length - 1, Math.ceil(refusalMicros.length * 0.99) - 1)];

        // 2. Through the cluster: refused calls go to the large provider.
        RecordingLoadBalancer.reset();
        Load load = fleet.load(Duration.ofSeconds(30)).add("write", CALLERS, id -> cluster.write(id, WORK_MILLIS));
        await().atMost(Duration.ofSeconds(30)).until(() -> load.completed() >= 150);
        load.stop();
        long retried = RecordingLoadBalancer.picks() - load.completed();

        Ledgers ledgers = fleet.ledgers();
        Figures.of("overload: a 2-thread provider with no queue and a 64-thread one, 8 callers, 300 ms calls")
                .put("direct calls to the small provider", direct.completed())
                .put("refused SERVER_BUSY", refused.size())
                .put("refusal latency p50 us", refusalMicros[refusalMicros.length / 2])
                .put("refusal latency p99 us", p99Micros)
                .put("refusal latency max us", refusalMicros[refusalMicros.length - 1])
                .load(load)
                .put("attempts refused and retried on the other provider", retried)
                .print();

        assertThat(refused).allSatisfy(failure -> {
            assertThat(failure.failure()).isInstanceOfSatisfying(RpcException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.SERVER_BUSY);
                assertThat(e.notExecuted()).isTrue();
            });
            assertThat(ledgers.executions(failure.id()))
                    .as("refused call %d ran", failure.id())
                    .isZero();
        });
        // Immediate: the typical refusal takes a small fraction of one call's work, and none waits for
        // anything near the call timeout (a pause of the whole machine shows in the tail, not here).
        long p50Micros = refusalMicros[refusalMicros.length / 2];
        assertThat(p50Micros)
                .as("refusal median (us), against %d ms of work per call", WORK_MILLIS)
                .isLessThan(WORK_MILLIS * 1_000L / 6);
        assertThat(refusalMicros[refusalMicros.length - 1])
                .as("slowest refusal (us), against a %d ms timeout", TIMEOUT_MILLIS)
                .isLessThan(TIMEOUT_MILLIS * 1_000L / 2);
        assertThat(load.failures()).as("failed calls through the cluster").isEmpty();
        assertThat(retried).as("refused attempts retried").isPositive();
        for (Load.Outcome outcome : load.outcomes()) {
            assertThat(ledgers.executions(outcome.id()))
                    .as("write %d", outcome.id())
                    .isEqualTo(1);
        }
    }
}
