package io.courier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.ServiceKey;
import io.courier.bootstrap.Courier;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A provider killed with SIGKILL while it serves, a quarter of the way through at least 20,000 calls
 * from 16 threads: the calls in flight on it are lost with its connection. Reads (idempotent) are retried elsewhere and none fails; writes fail only if they were
 * in flight on it, as "may have executed", and no write runs twice; after a second the consumer
 * sends nothing more to it; its registration leaves the consumers' lists within its session (ZooKeeper)
 * or lease (etcd) + 1 s. Runs on each {@link RegistryKind}.
 */
@Timeout(180)
class ProviderCrashIT {

    /** The figures: 16 calling threads, at least 20,000 calls, the kill a quarter of the way in. */
    private static final int READERS = 8;

    private static final int WRITERS = 8;
    private static final int CALLS = 20_000;
    private static final int WORK_MILLIS = 2;

    private Fleet fleet;

    @AfterEach
    void closeFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @ParameterizedTest
    @EnumSource(RegistryKind.class)
    void killedProvider_failsNoRead_failsOnlyWritesInFlightOnIt_andLeavesWithinItsSession(RegistryKind registry) {
        fleet = Fleet.start("provider-crash-" + registry.name().toLowerCase(Locale.ROOT), registry);
        RecordingLoadBalancer.reset();
        List<ProviderProcess> providers = fleet.startProviders("p1", "p2", "p3");
        ProviderProcess victim = providers.get(1);
        Endpoint dead = victim.endpoint();
        Courier consumer = fleet.consumer(Map.of());
        LedgerService service =
                consumer.reference(LedgerService.class, Fleet.referenceOptions().build());
        fleet.awaitServing(service, providers);
        ProviderLists lists = new ProviderLists();
        fleet.watcher().subscribe(ServiceKey.of(LedgerService.class), lists, endpoint -> false);
        await().atMost(Duration.ofSeconds(10)).until(() -> lists.latest().size() == 3);

        Load load = fleet.load(Duration.ofSeconds(150))
                .add("read", READERS, id -> service.read(id, WORK_MILLIS))
                .add("write", WRITERS, id -> service.write(id, WORK_MILLIS));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> load.completed() >= CALLS / 4 && load.servedBy(victim.name()) >= 300);
        long killedAt = System.nanoTime();
        victim.kill();
        // its registration expires with its session (ZooKeeper) or lease (etcd)
        await().atMost(Duration.ofMillis(Fleet.SESSION_TIMEOUT_MILLIS + 1_000))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> !lists.latestEndpoints().contains(dead));
        long goneMillis = TimeUnit.NANOSECONDS.toMillis(lists.lastNanos() - killedAt);
        await().atMost(Duration.ofSeconds(90))
                .until(() -> System.nanoTime() - killedAt >= TimeUnit.SECONDS.toNanos(3) && load.completed() >= CALLS);
        load.stop();

        Ledgers ledgers = fleet.ledgers();
        List<Load.Outcome> failures = load.failures();
        long lastPickMillis = TimeUnit.NANOSECONDS.toMillis(RecordingLoadBalancer.lastPickNanos(dead) - killedAt);
        long readsRunTwice = load.outcomes().stream()
                .filter(outcome -> outcome.kind().equals("read") && ledgers.executions(outcome.id()) > 1)
                .count();
        Figures.of("provider killed (SIGKILL) under load, 3 providers, 8 readers + 8 writers, on " + registry)
                .load(load)
                .put(
                        "reads failed",
                        failures.stream().filter(f -> f.kind().equals("read")).count())
                .put("writes failed (in flight on the killed provider)", failures.size())
                .put("reads in flight on it, run again elsewhere", readsRunTwice)
                .put(
                        "writes run twice",
                        ledgers.executedMoreThanOnce().stream()
                                .filter(id -> isWrite(load, id))
                                .count())
                .put("last attempt sent to it, ms after the kill", lastPickMillis)
                .put("its registration gone from the watcher's list, ms after the kill (session 4 s)", goneMillis)
                .print();

        assertThat(failures).as("failed calls").allSatisfy(failure -> {
            assertThat(failure.kind()).isEqualTo("write");
            assertThat(failure.failure()).isInstanceOfSatisfying(RpcException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.NETWORK);
                assertThat(e.notExecuted()).as("may have executed").isFalse();
            });
            assertThat(ledgers.executedBy(failure.id())).isSubsetOf(victim.name());
        });
        assertThat(failures.size())
                .as("writes in flight on the killed provider")
                .isLessThanOrEqualTo(WRITERS);
        for (Load.Outcome outcome : load.outcomes()) {
            if (outcome.kind().equals("write") && !outcome.failed()) {
                assertThat(ledgers.executions(outcome.id()))
                        .as("write %d", outcome.id())
                        .isEqualTo(1);
            }
        }
        assertThat(lastPickMillis)
                .as("last attempt sent to the killed provider, ms after the kill")
                .isLessThanOrEqualTo(1_000);
    }

    private static boolean isWrite(Load load, long id) {
        return load.outcomes().stream()
                .anyMatch(outcome -> outcome.id() == id && outcome.kind().equals("write"));
    }
}
