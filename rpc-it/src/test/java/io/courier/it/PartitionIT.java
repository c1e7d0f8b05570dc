package io.courier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.Endpoint;
import io.courier.bootstrap.Courier;
import io.courier.testkit.SilentProxy;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Network partitions, where packets simply stop and no FIN or RST ever comes, under reads and writes
 * from 12 threads against three providers: first the path between the consumer and p3 goes silent
 * (a {@link SilentProxy} that p3 advertises as its address), then the path between p2 and the registry
 * (p2 reaches ZooKeeper or etcd, one run each, through another proxy), each for {@link #PARTITION_MILLIS} and then healed.
 * No read fails (reads are idempotent); a write fails only if it was sent on the silent path, within
 * its deadline; no write runs twice; the silent instance stops getting calls within a bound set by
 * the heartbeat; after healing, traffic returns to both without a restart.
 */
@Timeout(240)
class PartitionIT {

    /** How long each partition lasts: 8 s by default, for CI; {@code -Dit.partition.millis=30000} is the 30 s. */
    static final long PARTITION_MILLIS = Long.getLong("it.partition.millis", 8_000);

    /** Fleet's {@code courier.transport.heartbeat-interval-millis}, on the consumer and the providers. */
    private static final long HEARTBEAT_MILLIS = 1_000;

    /** Fleet's reference timeout. */
    private static final long TIMEOUT_MILLIS = 3_000;

    /** Scheduling slack on a busy 2-core machine. */
    private static final long SLACK_MILLIS = 2_000;

    private static final int READERS = 6;
    private static final int WRITERS = 6;
    private static final int WORK_MILLIS = 2;

    private Fleet fleet;
    private SilentProxy toP3;
    private SilentProxy p2ToRegistry;

    @AfterEach
    void closeFleet() {
        if (fleet != null) {
            fleet.close();
        }
        if (toP3 != null) {
            toP3.close();
        }
        if (p2ToRegistry != null) {
            p2ToRegistry.close();
        }
    }

    @ParameterizedTest
    @EnumSource(RegistryKind.class)
    void silentPaths_loseNoRead_runNoWriteTwice_andTrafficReturnsAfterHealing(RegistryKind registry) {
        fleet = Fleet.start("partition-" + registry.name().toLowerCase(Locale.ROOT), registry);
        RecordingLoadBalancer.reset();
        toP3 = SilentProxy.listen();
        p2ToRegistry = SilentProxy.listen().forwardTo(fleet.registryPort());
        CompletableFuture<ProviderProcess> p1 =
                CompletableFuture.supplyAsync(() -> fleet.startProvider("p1", Map.of()));
        CompletableFuture<ProviderProcess> p2 = CompletableFuture.supplyAsync(() -> fleet.startProvider(
                "p2", Map.of("courier.registry.address", fleet.registryAddressAt(p2ToRegistry.port()))));
        CompletableFuture<ProviderProcess> p3 =
                CompletableFuture.supplyAsync(() -> fleet.startBehind(toP3, "p3", Map.of()));
        List<ProviderProcess> providers = List.of(p1.join(), p2.join(), p3.join());
        Endpoint p3Advertised = Endpoint.of("127.0.0.1", toP3.port());
        Endpoint p2Endpoint = providers.get(1).endpoint();

        Courier consumer = fleet.consumer(Map.of());
        LedgerService service =
                consumer.reference(LedgerService.class, Fleet.referenceOptions().build());
        fleet.awaitServing(service, providers);
        // Writes carry even ids and reads odd ones, so the ledgers alone tell writes run twice.
        Load load = fleet.load(Duration.ofSeconds(200))
                .add("read", READERS, id -> service.read(2 * id + 1, WORK_MILLIS))
                .add("write", WRITERS, id -> service.write(2 * id, WORK_MILLIS));
        await().atMost(Duration.ofSeconds(60)).until(() -> load.servedBy("p3") >= 200);

        // 1. The consumer's path to p3 goes silent.
        Partition consumerToP3 = Partition.of(toP3, load, "p3", p3Advertised);
        // 2. p2 loses the registry while its consumer still reaches it.
        Partition p2FromRegistry = Partition.of(p2ToRegistry, load, "p2", p2Endpoint);
        load.stop();

        long readsFailed =
                load.failures().stream().filter(f -> f.kind().equals("read")).count();
        long writesTwice = Ledgers.repeated(fleet.ledgerFiles(), id -> id % 2 == 0);
        long slowestFailure =
                load.failures().stream().mapToLong(Load.Outcome::millis).max().orElse(0);
        Figures.of("partitions of " + PARTITION_MILLIS + " ms: consumer-p3 path, then p2-" + registry + " path;"
                        + " heartbeat " + HEARTBEAT_MILLIS + " ms, timeout " + TIMEOUT_MILLIS + " ms")
                .load(load)
                .put("reads failed", readsFailed)
                .put("writes failed", load.failures().size() - readsFailed)
                .put("slowest failed call, ms", slowestFailure)
                .put("writes run twice", writesTwice)
                .put("consumer-p3 silent: last call sent to p3, ms after", consumerToP3.lastPickMillis)
                .put("consumer-p3 healed: p3 serving again, ms after", consumerToP3.backMillis)
                .put("p2-registry silent: last call sent to p2, ms after", p2FromRegistry.lastPickMillis)
                .put("p2-registry healed: p2 serving again, ms after", p2FromRegistry.backMillis)
                .print();

        assertThat(readsFailed).as("reads failed (idempotent)").isZero();
        assertThat(writesTwice).as("writes run twice").isZero();
        assertThat(slowestFailure)
                .as("a failed call ends within its deadline")
                .isLessThanOrEqualTo(TIMEOUT_MILLIS + SLACK_MILLIS);
        assertThat(consumerToP3.lastPickMillis)
                .as("last call sent on the silent path, ms after it went silent")
                .isLessThanOrEqualTo(3 * HEARTBEAT_MILLIS + SLACK_MILLIS);
    }

    /** One partition of {@link #PARTITION_MILLIS}, healed, with what it did to the traffic. */
    private record Partition(long lastPickMillis, long backMillis) {

        static Partition of(SilentProxy path, Load load, String provider, Endpoint endpoint) {
            long silencedAt = System.nanoTime();
            path.silence();
            await().atMost(Duration.ofMillis(PARTITION_MILLIS + 30_000))
                    .until(() -> System.nanoTime() - silencedAt >= TimeUnit.MILLISECONDS.toNanos(PARTITION_MILLIS));
            long lastPick = RecordingLoadBalancer.lastPickNanos(endpoint);
            long servedBeforeHealing = load.servedBy(provider);
            long healedAt = System.nanoTime();
            path.heal();
            await("traffic back to " + provider)
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> load.servedBy(provider) >= servedBeforeHealing + 50);
            return new Partition(
                    TimeUnit.NANOSECONDS.toMillis(lastPick - silencedAt),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - healedAt));
        }
    }
}
