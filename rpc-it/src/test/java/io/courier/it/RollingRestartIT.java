package io.courier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.bootstrap.Courier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Three providers restarted one at a time (SIGTERM, then a new process) while reads and writes run:
 * not one call fails and no write runs twice. Runs on each {@link RegistryKind}.
 */
@Timeout(240)
class RollingRestartIT {

    private static final int READERS = 4;
    private static final int WRITERS = 4;
    private static final int WORK_MILLIS = 5;

    private Fleet fleet;

    @AfterEach
    void closeFleet() {
        if (fleet != null) {
            fleet.close();
        }
    }

    @ParameterizedTest
    @EnumSource(RegistryKind.class)
    void restartingEveryProviderInTurnUnderLoad_failsNoCall_andRunsNoWriteTwice(RegistryKind registry) {
        fleet = Fleet.start("rolling-restart-" + registry.name().toLowerCase(Locale.ROOT), registry);
        RecordingLoadBalancer.reset();
        List<ProviderProcess> providers = new ArrayList<>(fleet.startProviders("p1", "p2", "p3"));
        Courier consumer = fleet.consumer(Map.of());
        // 10 s, not the fleet's 3 s: a call that a restart loses still fails, while a call slowed for
        // seconds on a busy CI machine (a write took 3 s at the load's start beside another scenario) does not
        LedgerService service = consumer.reference(
                LedgerService.class,
                Fleet.referenceOptions().timeoutMillis(10_000).build());
        fleet.awaitServing(service, providers);

        Load load = fleet.load(Duration.ofSeconds(150))
                .add("read", READERS, id -> service.read(id, WORK_MILLIS))
                .add("write", WRITERS, id -> service.write(id, WORK_MILLIS));
        List<Long> exitMillis = new ArrayList<>();
        List<Long> joinMillis = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ProviderProcess old = providers.get(i);
            await().atMost(Duration.ofSeconds(30)).until(() -> load.servedBy(old.name()) >= 100);
            long stoppedAt = System.nanoTime();
            old.terminate();
            assertThat(old.awaitExit(Duration.ofMillis(Fleet.SHUTDOWN_TIMEOUT_MILLIS + 10_000)))
                    .as("%s exited", old.name())
                    .isTrue();
            exitMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt));
            long startedAt = System.nanoTime();
            ProviderProcess fresh = fleet.startProvider(old.name() + "-restarted", Map.of());
            providers.set(i, fresh);
            await().atMost(Duration.ofSeconds(30)).until(() -> load.servedBy(fresh.name()) >= 1);
            joinMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> load.servedBy(providers.get(2).name()) >= 100);
        load.stop();

        Ledgers ledgers = fleet.ledgers();
        Figures.of("rolling restart of 3 providers under load (SIGTERM, new process), 4 readers + 4 writers, on "
                        + registry)
                .load(load)
                .put("exit ms after SIGTERM", exitMillis)
                .put("ms from start until a new process served its first call", joinMillis)
                .put(
                        "writes run twice",
                        load.outcomes().stream()
                                .filter(o -> o.kind().equals("write") && ledgers.executions(o.id()) > 1)
                                .count())
                .print();

        assertThat(load.failures()).as("failed calls").isEmpty();
        for (Load.Outcome outcome : load.outcomes()) {
            if (outcome.kind().equals("write")) {
                assertThat(ledgers.executions(outcome.id()))
                        .as("write %d", outcome.id())
                        .isEqualTo(1);
            }
        }
        assertThat(exitMillis)
                .allSatisfy(millis -> assertThat(millis).isLessThanOrEqualTo(Fleet.SHUTDOWN_TIMEOUT_MILLIS + 1_000L));
    }
}
