package io.courier.registry.zookeeper;

import static io.courier.registry.zookeeper.ZooKeeperTesting.instance;
import static io.courier.registry.zookeeper.ZooKeeperTesting.registry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.courier.api.ServiceInstance;
import io.courier.api.ServiceKey;
import io.courier.core.document.InstanceCodec;
import java.lang.ref.WeakReference;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service with thousands of registrations, written straight into ZooKeeper in transactions (as
 * many providers would, without starting them). Asserts the behaviour with generous time bounds;
 * the figures are logged for {@code docs/registry.md} and {@code docs/benchmarks.md}.
 */
@Timeout(180)
class LargeServiceTest {

    private static final Logger log = LoggerFactory.getLogger(LargeServiceTest.class);
    private static final ServiceKey ORDERS = ServiceKey.parse("io.example.Orders");
    private static final String PROVIDERS = "/courier/io.example.Orders/providers";
    private static final int FIRST_PORT = 20_000;
    private static final int BATCH = 1_000;
    private static final long STARTED_AT = 1_700_000_000_000L;

    private TestingServer server;
    private CuratorFramework writer;

    @BeforeEach
    void start() throws Exception {
        // ticks of 1 s allow sessions of up to 20 s: a busy machine must not expire the writer
        // wchp lists the watched paths; the whitelist is read when the server starts
        System.setProperty("zookeeper.4lw.commands.whitelist", "wchp,srvr");
        server = new TestingServer(ZooKeeperTesting.spec(1_000), true);
        writer = CuratorFrameworkFactory.newClient(server.getConnectString(), 20_000, 10_000, new RetryOneTime(100));
        writer.start();
        writer.blockUntilConnected(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        writer.close();
        server.close();
    }

    @Test
    void fiveThousandInstances_firstListFast_andARestart_neverShowsAShrunkList() throws Exception {
        int size = 5_000;
        create(0, size, STARTED_AT);
        try (ZooKeeperRegistry consumer = registry(server.getConnectString())) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> consumer.curator().getZookeeperClient().isConnected());
            Sizes sizes = new Sizes();
            long start = System.nanoTime();
            consumer.subscribe(ORDERS, sizes, endpoint -> true);
            await().atMost(Duration.ofSeconds(30)).until(() -> sizes.latest.get() == size);
            // when the listener got it, not when the await noticed
            long firstListMillis = (sizes.lastChangeNanos.get() - start) / 1_000_000;
            sizes.reset();

            // a restart of every instance: withdrawn, then registered again with a new start time
            delete(0, size);
            create(0, size, STARTED_AT + 1);
            long lastWrite = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(() -> sizes.restarted.get() == size);
            long completeMillis = (sizes.restartedNanos.get() - lastWrite) / 1_000_000;

            log.info(
                    "Large service: first list of {} instances after {} ms; after a restart of all of them"
                            + " the consumer saw {} lists, the smallest of {}, complete {} ms after the last write",
                    size,
                    firstListMillis,
                    sizes.lists.get(),
                    sizes.smallest.get(),
                    completeMillis);
            assertThat(firstListMillis).as("first list, generous bound").isLessThan(10_000);
            assertThat(sizes.smallest.get())
                    .as("never below the protection threshold of 20%")
                    .isGreaterThanOrEqualTo(size / 5);
            assertThat(completeMillis)
                    .as("complete after the last write, generous bound")
                    .isLessThan(5_000);
        }
    }

    @Test
    void hundredSubscribeCloseCycles_leaveNoWatchAndNoInstance() throws Exception {
        int size = 200;
        create(0, size);
        try (ZooKeeperRegistry consumer = registry(server.getConnectString())) {
            AutoCloseable first = consumer.subscribe(ORDERS, ignored -> {});
            await().atMost(Duration.ofSeconds(10)).until(() -> watchedPaths().contains(PROVIDERS));
            first.close();
            await().atMost(Duration.ofSeconds(10)).until(() -> watchedPaths().isEmpty());
            List<WeakReference<ServiceInstance>> seen = new ArrayList<>();
            for (int cycle = 0; cycle < 100; cycle++) {
                AtomicReference<WeakReference<ServiceInstance>> one = new AtomicReference<>();
                AutoCloseable subscription = consumer.subscribe(ORDERS, instances -> {
                    if (instances.size() == size) {
                        one.set(new WeakReference<>(instances.get(0)));
                    }
                });
                // polled often: 100 cycles at Awaitility's default 100 ms were 10 s of waiting
                await().pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(5))
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> one.get() != null);
                seen.add(one.get());
                subscription.close();
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> watchedPaths().isEmpty());
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                System.gc();
                return seen.stream().allMatch(reference -> reference.get() == null);
            });
        }
    }

    @Test
    void tenThousandInstances_aChangeArrivesWithinTheSettleTime() throws Exception {
        int size = 10_000;
        create(0, size);
        long created = System.nanoTime();
        try (ZooKeeperRegistry consumer = registry(server.getConnectString())) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> consumer.curator().getZookeeperClient().isConnected());
            long connectedMillis = (System.nanoTime() - created) / 1_000_000;
            Sizes sizes = new Sizes();
            long start = System.nanoTime();
            consumer.subscribe(ORDERS, sizes);
            await().atMost(Duration.ofSeconds(30)).until(() -> sizes.latest.get() == size);
            // when the listener got it, not when the await noticed
            long firstListMillis = (sizes.lastChangeNanos.get() - start) / 1_000_000;

            // registrations, then withdrawals, one at a time: each is read alone and published
            List<Long> latencies = new ArrayList<>();
            List<Long> writes = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                boolean add = i < 5;
                int expected = add ? size + i + 1 : size + 9 - i;
                long changeStart = System.nanoTime();
                if (add) {
                    create(size + i, 1);
                } else {
                    delete(size + i - 5, 1);
                }
                writes.add((System.nanoTime() - changeStart) / 1_000_000);
                await().atMost(Duration.ofSeconds(10)).until(() -> sizes.latest.get() == expected);
                latencies.add((sizes.lastChangeNanos.get() - changeStart) / 1_000_000);
            }

            log.info(
                    "Large service: connected after {} ms, then the first list of {} instances after {} ms;"
                            + " 5 registrations then 5 withdrawals reached the consumer after {} ms"
                            + " from the start of their write (the writes themselves took {} ms)",
                    connectedMillis,
                    size,
                    firstListMillis,
                    latencies,
                    writes);
            List<Long> sorted = latencies.stream().sorted().toList();
            assertThat(sorted.get(sorted.size() / 2))
                    .as("median latency, generous bound (the settle time is 100 ms)")
                    .isLessThan(1_000);
        }
    }

    private void create(int from, int count) throws Exception {
        create(from, count, STARTED_AT);
    }

    private void create(int from, int count, long startedAtMillis) throws Exception {
        for (int first = from; first < from + count; first += BATCH) {
            List<CuratorOp> ops = new ArrayList<>();
            for (int i = first; i < Math.min(from + count, first + BATCH); i++) {
                ServiceInstance instance = instance(ORDERS, FIRST_PORT + i).toBuilder()
                        .startedAtMillis(startedAtMillis)
                        .build();
                ops.add(writer.transactionOp()
                        .create()
                        .withMode(CreateMode.PERSISTENT)
                        .forPath(PROVIDERS + "/" + instance.endpoint(), InstanceCodec.encode(instance)));
            }
            if (writer.checkExists().forPath(PROVIDERS) == null) {
                writer.create().creatingParentContainersIfNeeded().forPath(PROVIDERS);
            }
            writer.transaction().forOperations(ops);
        }
    }

    /** @return how long each transaction took, in milliseconds */
    private List<Long> delete(int from, int count) throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int first = from; first < from + count; first += BATCH) {
            long start = System.nanoTime();
            List<CuratorOp> ops = new ArrayList<>();
            for (int i = first; i < Math.min(from + count, first + BATCH); i++) {
                ops.add(writer.transactionOp().delete().forPath(PROVIDERS + "/127.0.0.1:" + (FIRST_PORT + i)));
            }
            writer.transaction().forOperations(ops);
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        return millis;
    }

    private String fourLetters(String command) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
            socket.getOutputStream().write(command.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /**
     * The paths under {@code /courier} that some session watches, from the server's {@code wchp}
     * command (the clients' own watches of {@code /zookeeper/config} left out).
     */
    private List<String> watchedPaths() throws Exception {
        List<String> paths = new ArrayList<>();
        for (String line : fourLetters("wchp").split("\n")) {
            if (line.startsWith("/courier")) {
                paths.add(line.trim());
            }
        }
        return paths;
    }

    /** Records the sizes of the lists a subscription delivers. */
    private static final class Sizes implements Consumer<List<ServiceInstance>> {
        final AtomicInteger latest = new AtomicInteger(-1);
        final AtomicInteger lists = new AtomicInteger();
        final AtomicInteger smallest = new AtomicInteger(Integer.MAX_VALUE);
        final List<Integer> seen = new CopyOnWriteArrayList<>();
        final AtomicLong lastChangeNanos = new AtomicLong();
        /** How many instances of the latest list were registered after the restart, and when. */
        final AtomicInteger restarted = new AtomicInteger();

        final AtomicLong restartedNanos = new AtomicLong();

        @Override
        public void accept(List<ServiceInstance> instances) {
            long now = System.nanoTime();
            lastChangeNanos.set(now);
            int afterRestart = (int) instances.stream()
                    .filter(instance -> instance.startedAtMillis() > STARTED_AT)
                    .count();
            restartedNanos.set(now);
            restarted.set(afterRestart);
            latest.set(instances.size());
            lists.incrementAndGet();
            seen.add(instances.size());
            smallest.accumulateAndGet(instances.size(), Math::min);
        }

        void reset() {
            lists.set(0);
            seen.clear();
            smallest.set(Integer.MAX_VALUE);
        }
    }
}
