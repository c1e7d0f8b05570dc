package io.courier.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.courier.api.Endpoint;
import io.courier.api.ReferenceOptions;
import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.api.ServiceOptions;
import io.courier.bootstrap.Courier;
import io.courier.core.document.InstanceCodec;
import io.courier.registry.etcd.internal.InstanceJson;
import io.courier.registry.etcd.internal.client.KeyLayout;
import io.courier.registry.zookeeper.internal.Layout;
import io.courier.testkit.DeadPorts;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ten services, each registered by one live provider and by 999 stale registrations (addresses on
 * 127.0.0.1 that refuse connections, held for the test so that no other server can take them, written straight into ZooKeeper as a dead rack's nodes would
 * linger): 10,000 registrations, 99.9% of them stale. A consumer with Courier's defaults calls
 * every service from four threads right after creating the references. Asserts that no call fails
 * after the first second; then, once both paths ran once, measures the caller's CPU per call against
 * ten services with only their live registration (in this JVM, one after the other) and logs it for
 * {@code docs/benchmarks.md}; the ratio is asserted only against a generous bound. Runs on each
 * {@link RegistryKind} (on etcd the stale registrations are keys under no lease).
 */
@Timeout(180)
class StaleRegistrationsIT {

    private static final Logger log = LoggerFactory.getLogger(StaleRegistrationsIT.class);
    private static final int SERVICES = 10;
    private static final int STALE = 999;
    private static final int THREADS = 4;
    /** The first run, from the references' creation: three seconds after its first in which no call may fail. */
    private static final long FIRST_RUN_NANOS = TimeUnit.SECONDS.toNanos(4);
    /**
     * Each run of the measured pair, counted after its first second as every run: its second second holds 6,000 to
     * 12,000 calls from four threads (ratios of 1.2 to 1.4 measured), plenty for a ratio bounded at ten, and every
     * second longer is a second both cores spin beside the other test JVM's scenario.
     */
    private static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** The unmeasured run that compiles the one-instance path: thousands of calls, not a measurement. */
    private static final long WARM_UP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final String SOLO = "solo";

    private TestingServer zooKeeper;
    private EtcdCluster etcd;
    private String address;
    private Courier provider;
    private Courier consumer;
    /** Held for the whole test: a port released at once may be given to another test's server meanwhile. */
    private DeadPorts dead;

    /** The provider's implementation, one instance per exported version. */
    public static final class Ticks implements TickService {
        @Override
        public long tick(long n) {
            return n + 1;
        }
    }

    private void start(RegistryKind registry) throws Exception {
        if (registry == RegistryKind.ETCD) {
            etcd = EtcdCluster.start(
                    Path.of(System.getProperty("it.logs", "target/it-logs"), "stale-etcd-" + System.nanoTime()), 1);
            address = etcd.address();
        } else {
            zooKeeper = new TestingServer(new InstanceSpec(null, -1, -1, -1, true, -1, 1_000, -1), true);
            address = "zookeeper://" + zooKeeper.getConnectString();
        }
        var builder = Courier.builder()
                .application("stale-provider")
                .registry(address)
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false);
        for (int s = 0; s < SERVICES; s++) {
            builder.export(
                    new Ticks(), ServiceOptions.builder().version(SOLO + s).build());
            builder.export(
                    new Ticks(), ServiceOptions.builder().version("v" + s).build());
        }
        provider = builder.start();
        dead = DeadPorts.hold(STALE);
        if (registry == RegistryKind.ETCD) {
            writeStaleKeys(dead.ports());
        } else {
            writeStaleRegistrations(dead.ports());
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (consumer != null) {
            consumer.close();
        }
        if (provider != null) {
            provider.close();
        }
        if (zooKeeper != null) {
            zooKeeper.close();
        }
        if (etcd != null) {
            etcd.close();
        }
        if (dead != null) {
            dead.close();
        }
    }

    @ParameterizedTest
    @EnumSource(RegistryKind.class)
    void nineHundredNinetyNineStaleAndOneLive_noFailedCallAfterTheFirstSecond_cpuPerCallNearOneInstance(
            RegistryKind registry) throws Exception {
        start(registry);
        consumer = Courier.builder()
                .application("stale-consumer")
                .registry(address)
                .shutdownHook(false)
                .start();
        List<TickService> services = new ArrayList<>();
        for (int s = 0; s < SERVICES; s++) {
            services.add(consumer.reference(
                    TickService.class,
                    ReferenceOptions.builder().version("v" + s).build()));
        }
        Run first = run(services, FIRST_RUN_NANOS);
        List<TickService> solos = new ArrayList<>();
        for (int s = 0; s < SERVICES; s++) {
            solos.add(consumer.reference(
                    TickService.class,
                    ReferenceOptions.builder().version(SOLO + s).build()));
        }
        run(solos, WARM_UP_NANOS); // both paths compiled before the measured pair
        Run stale = run(services, RUN_NANOS);
        Run one = run(solos, RUN_NANOS);

        double ratio = stale.cpuNanosPerCall() / one.cpuNanosPerCall();
        log.info(
                "Stale registrations on {}: {} services x (1 live + {} stale); first run, from the references' creation:"
                        + " {} calls after its first second, {} failed ({} in the first second); measured run:"
                        + " {} calls, {} failed, caller CPU {} us per call; one instance per service: {} calls, {} failed,"
                        + " {} us per call; ratio {}",
                registry,
                SERVICES,
                STALE,
                first.calls,
                first.failed,
                first.failedEarly,
                stale.calls,
                stale.failed,
                String.format("%.1f", stale.cpuNanosPerCall() / 1_000),
                one.calls,
                one.failed,
                String.format("%.1f", one.cpuNanosPerCall() / 1_000),
                String.format("%.2f", ratio));
        assertThat(first.failed).as("failed calls after the first second").isZero();
        assertThat(stale.failed).isZero();
        assertThat(first.calls).as("calls made: a sanity check, not a speed").isGreaterThan(100);
        assertThat(ratio)
                .as("caller CPU per call against one instance, generous bound")
                .isLessThan(10);
    }

    /**
     * Ready first: a fresh reference's first 2,000 calls, made from {@link #THREADS} threads as soon
     * as {@code reference()} returns, go to the live provider once it is connected instead of to stale
     * addresses while it is connecting: none fails (the issue measured 614 failures in the first
     * 0.17 s before).
     */
    @ParameterizedTest
    @EnumSource(RegistryKind.class)
    void nineHundredNinetyNineStaleAndOneLive_noneOfTheFirstTwoThousandCallsFails(RegistryKind registry)
            throws Exception {
        start(registry);
        consumer = Courier.builder()
                .application("stale-consumer")
                .registry(address)
                .shutdownHook(false)
                .start();
        long start = System.nanoTime();
        TickService service = consumer.reference(
                TickService.class, ReferenceOptions.builder().version("v0").build());
        AtomicLong left = new AtomicLong(2_000);
        AtomicLong failed = new AtomicLong();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            workers.add(CompletableFuture.runAsync(() -> {
                for (long n = left.getAndDecrement(); n > 0; n = left.getAndDecrement()) {
                    try {
                        assertThat(service.tick(n)).isEqualTo(n + 1);
                    } catch (RuntimeException e) {
                        if (failed.incrementAndGet() == 1) {
                            log.warn("First failed call", e);
                        }
                    }
                }
            }));
        }
        workers.forEach(CompletableFuture::join);
        log.info(
                "Ready first on {}: 2,000 calls right after reference() against 1 live + {} stale registrations:"
                        + " {} failed, {} ms in all",
                registry,
                STALE,
                failed.get(),
                (System.nanoTime() - start) / 1_000_000);
        assertThat(failed.get()).as("failed calls among the first 2,000").isZero();
    }

    /** Calls {@code services} in turn from {@link #THREADS} threads for {@code runNanos}. */
    private static Run run(List<TickService> services, long runNanos) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Run run = new Run();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            workers.add(CompletableFuture.runAsync(() -> {
                long cpuAtSettle = -1;
                long callsAtSettle = 0;
                long calls = 0;
                for (long n = 0; System.nanoTime() - start < runNanos; n++) {
                    boolean settled = System.nanoTime() - start >= SETTLE_NANOS;
                    if (settled && cpuAtSettle < 0) {
                        cpuAtSettle = threads.getCurrentThreadCpuTime();
                        callsAtSettle = calls;
                    }
                    try {
                        services.get((int) (n % services.size())).tick(n);
                    } catch (RuntimeException e) {
                        (settled ? run.failedCounter : run.failedEarlyCounter).incrementAndGet();
                        if (settled) {
                            log.warn("Call failed after the first second", e);
                        }
                    }
                    calls++;
                }
                run.cpuNanos.addAndGet(threads.getCurrentThreadCpuTime() - cpuAtSettle);
                run.callCounter.addAndGet(calls - callsAtSettle);
            }));
        }
        workers.forEach(CompletableFuture::join);
        run.calls = run.callCounter.get();
        run.failed = run.failedCounter.get();
        run.failedEarly = run.failedEarlyCounter.get();
        return run;
    }

    /** The dead ports registered for every service, as nodes a dead rack left behind. */
    private void writeStaleRegistrations(List<Integer> ports) throws Exception {
        Layout layout = new Layout("/courier");
        try (CuratorFramework writer = CuratorFrameworkFactory.newClient(
                zooKeeper.getConnectString(), 20_000, 10_000, new RetryOneTime(100))) {
            writer.start();
            writer.blockUntilConnected(10, TimeUnit.SECONDS);
            for (int s = 0; s < SERVICES; s++) {
                ServiceKey key = ServiceKey.of("", TickService.class, "v" + s);
                List<CuratorOp> ops = new ArrayList<>();
                for (int port : ports) {
                    ServiceInstance instance = ServiceInstance.builder(key, Endpoint.of("127.0.0.1", port))
                            .application("stale-provider")
                            .build();
                    ops.add(writer.transactionOp()
                            .create()
                            .withMode(CreateMode.PERSISTENT)
                            .forPath(layout.provider(key, instance.endpoint()), InstanceCodec.encode(instance)));
                }
                try {
                    writer.create().creatingParentContainersIfNeeded().forPath(layout.providers(key));
                } catch (KeeperException.NodeExistsException e) {
                    // the live provider's registrar created it first
                }
                writer.transaction().forOperations(ops);
            }
        }
    }

    /** The dead ports registered for every service as etcd keys under no lease, one transaction per service. */
    private void writeStaleKeys(List<Integer> ports) throws Exception {
        KeyLayout layout = new KeyLayout("/courier");
        try (Client writer = Client.builder()
                .endpoints(etcd.address().replace("etcd://", "http://"))
                .build()) {
            for (int s = 0; s < SERVICES; s++) {
                ServiceKey key = ServiceKey.of("", TickService.class, "v" + s);
                List<Op> ops = new ArrayList<>();
                for (int port : ports) {
                    ServiceInstance instance = ServiceInstance.builder(key, Endpoint.of("127.0.0.1", port))
                            .application("stale-provider")
                            .build();
                    ops.add(Op.put(
                            ByteSequence.from(layout.provider(key, instance.endpoint()), StandardCharsets.UTF_8),
                            ByteSequence.from(InstanceJson.encode(instance)),
                            PutOption.DEFAULT));
                }
                writer.getKVClient().txn().Then(ops.toArray(Op[]::new)).commit().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** What one run measured, over the calls after its first second. */
    private static final class Run {
        final AtomicLong cpuNanos = new AtomicLong();
        final AtomicLong callCounter = new AtomicLong();
        final AtomicLong failedCounter = new AtomicLong();
        final AtomicLong failedEarlyCounter = new AtomicLong();
        long calls;
        long failed;
        long failedEarly;

        double cpuNanosPerCall() {
            return (double) cpuNanos.get() / Math.max(1, calls);
        }
    }
}
