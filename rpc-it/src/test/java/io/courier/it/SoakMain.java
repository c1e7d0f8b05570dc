package io.courier.it;

import io.courier.bootstrap.Courier;
import io.courier.testkit.SilentProxy;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The soak run behind {@code scripts/soak.sh}, outside CI: minutes of reads and writes against three
 * providers while, every few seconds, something random fails (a provider killed with SIGKILL, a
 * provider stopped with SIGTERM, each replaced by a new process; ZooKeeper restarted; every session
 * expired; the consumer's path to a provider silent for 2 to 5 s, a partition with no FIN or RST:
 * each provider is reached through its own {@link SilentProxy}). It ends with a summary: calls, failures by code, reads lost (must be 0: reads are
 * idempotent), writes run twice (must be 0), and this JVM's memory and threads at start and end. Exit
 * code 0 when nothing was lost, 1 otherwise.
 *
 * <p>Arguments: minutes (decimal, default 10), seed (default: time).
 */
public final class SoakMain {

    private static final Logger log = LoggerFactory.getLogger(SoakMain.class);
    private static final int PROVIDERS = 3;
    private static final long FAULT_EVERY_MILLIS = 8_000;

    private SoakMain() {}

    public static void main(String[] args) throws Exception {
        double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
        Duration length = Duration.ofMillis((long) (minutes * 60_000));
        Random random = new Random(seed);
        log.info("Soak for {} (seed {})", length, seed);

        int generation = 0;
        Map<String, Long> faults = new java.util.TreeMap<>();
        boolean lostNothing;
        List<SilentProxy> paths = new ArrayList<>();
        try (Fleet fleet = Fleet.start("soak")) {
            List<java.util.concurrent.CompletableFuture<ProviderProcess>> starting = new ArrayList<>();
            for (int slot = 0; slot < PROVIDERS; slot++) {
                SilentProxy path = SilentProxy.listen();
                paths.add(path);
                String name = "p" + (slot + 1);
                starting.add(java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> fleet.startBehind(path, name, Map.of())));
            }
            List<ProviderProcess> providers = new ArrayList<>();
            starting.forEach(future -> providers.add(future.join()));
            Courier consumer = fleet.consumer(Map.of());
            LedgerService service = consumer.reference(
                    LedgerService.class, Fleet.referenceOptions().build());
            fleet.awaitServing(service, providers);
            Snapshot start = Snapshot.take();

            // Writes carry even ids and reads odd ones, so the ledgers alone tell writes run twice.
            Load load = fleet.load(length.plusMinutes(5))
                    .keepFailuresOnly()
                    .add("read", 4, id -> service.read(2 * id + 1, 2))
                    .add("write", 4, id -> service.write(2 * id, 2));
            long end = System.nanoTime() + length.toNanos();
            while (System.nanoTime() - end < 0) {
                LockSupport.parkNanos(Math.min(
                        TimeUnit.MILLISECONDS.toNanos(FAULT_EVERY_MILLIS), Math.max(0, end - System.nanoTime())));
                if (System.nanoTime() - end >= 0) {
                    break;
                }
                int slot = random.nextInt(PROVIDERS);
                switch (random.nextInt(5)) {
                    case 0 -> {
                        providers.get(slot).kill();
                        providers.set(slot, replace(fleet, paths, slot, ++generation));
                        faults.merge("provider killed (SIGKILL) and replaced", 1L, Long::sum);
                    }
                    case 1 -> {
                        ProviderProcess old = providers.get(slot);
                        old.terminate();
                        if (!old.awaitExit(Duration.ofMillis(Fleet.SHUTDOWN_TIMEOUT_MILLIS + 1_000))) {
                            log.error("{} did not exit within its shutdown timeout + 1 s", old);
                            faults.merge("provider exited late", 1L, Long::sum);
                            old.kill();
                        }
                        providers.set(slot, replace(fleet, paths, slot, ++generation));
                        faults.merge("provider stopped (SIGTERM) and replaced", 1L, Long::sum);
                    }
                    case 3 -> {
                        paths.get(slot).silence();
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2_000 + random.nextInt(3_000)));
                        paths.get(slot).heal();
                        faults.merge("consumer-provider path silent 2-5 s, then healed", 1L, Long::sum);
                    }
                    case 2 -> {
                        fleet.zooKeeper().stop();
                        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1_000 + random.nextInt(2_000)));
                        fleet.zooKeeper().restart();
                        faults.merge("ZooKeeper restarted", 1L, Long::sum);
                    }
                    default -> {
                        fleet.zooKeeper().expireSessions();
                        faults.merge("every session expired", 1L, Long::sum);
                    }
                }
                log.info(
                        "{} calls so far, {} failed; faults {}",
                        load.completed(),
                        load.failures().size(),
                        faults);
            }
            load.stop();
            Snapshot finish = Snapshot.take();

            long readsLost = load.failures().stream()
                    .filter(o -> o.kind().equals("read"))
                    .count();
            long writesFailed = load.failures().stream()
                    .filter(o -> o.kind().equals("write"))
                    .count();
            long writesTwice = Ledgers.repeated(fleet.ledgerFiles(), id -> id % 2 == 0);
            log.info("==== soak summary ({}, seed {}) ====", length, seed);
            log.info("faults injected        {}", faults);
            log.info("calls                  {}", load.completed());
            log.info("failures by code       {}", load.failuresByCode());
            log.info("reads lost             {} (must be 0: reads are idempotent)", readsLost);
            log.info(
                    "writes failed          {} (only writes sent to a killed or partitioned provider may fail)",
                    writesFailed);
            log.info("writes run twice       {} (must be 0)", writesTwice);
            log.info("heap used after GC     {} MiB at start, {} MiB at end", start.heapMiB(), finish.heapMiB());
            log.info("threads                {} at start, {} at end", start.threads(), finish.threads());
            lostNothing = readsLost == 0 && writesTwice == 0 && !faults.containsKey("provider exited late");
        } finally {
            paths.forEach(SilentProxy::close);
        }
        System.exit(lostNothing ? 0 : 1);
    }

    /** A new provider for {@code slot}, behind a new path (the old provider's path is closed). */
    private static ProviderProcess replace(Fleet fleet, List<SilentProxy> paths, int slot, int generation) {
        paths.get(slot).close();
        SilentProxy path = SilentProxy.listen();
        paths.set(slot, path);
        return fleet.startBehind(path, "p" + (slot + 1) + "-" + generation, Map.of());
    }

    /** This JVM's heap in use after a collection, and its live threads. */
    private record Snapshot(long heapMiB, int threads) {
        static Snapshot take() {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            memory.gc();
            return new Snapshot(
                    memory.getHeapMemoryUsage().getUsed() / (1024 * 1024),
                    ManagementFactory.getThreadMXBean().getThreadCount());
        }
    }
}
