package io.courier.registry.zookeeper.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class BatchedReadsTest {

    private static final String PARENT = "/courier/a.B/providers";

    private TestingServer server;
    private CuratorFramework writer;
    private final Map<String, Integer> found = new ConcurrentHashMap<>();
    private final AtomicInteger failures = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = new TestingServer(true);
        writer = CuratorFrameworkFactory.newClient(server.getConnectString(), 20_000, 10_000, new RetryOneTime(100));
        writer.start();
        writer.blockUntilConnected(10, TimeUnit.SECONDS);
        writer.create().creatingParentContainersIfNeeded().forPath(PARENT);
    }

    @AfterEach
    void stop() throws Exception {
        writer.close();
        server.close();
    }

    @Test
    void manyNodes_areAllRead_missingOnesAsNoNode() throws Exception {
        List<String> paths = create(3_000, 300);
        paths.add(PARENT + "/missing:1");
        ZooKeeper zooKeeper = writer.getZookeeperClient().getZooKeeper();
        BatchedReads reads = new BatchedReads(() -> zooKeeper, sink());

        reads.readAll(paths);

        await().atMost(Duration.ofSeconds(30)).until(() -> found.size() == paths.size());
        assertThat(found.get(PARENT + "/missing:1")).isEqualTo(-1);
        assertThat(found.get(paths.get(0))).isEqualTo(300);
        assertThat(failures).hasValue(0);
        // 512 KiB per batch for nodes of 300 bytes: (2 * 300 + 128) bytes each
        assertThat(reads.batchSize()).isEqualTo(BatchedReads.BATCH_BYTES / (2 * 300 + 128));
    }

    @Test
    void aBatchLostWithTheConnection_halvesTheNextOnes() throws Exception {
        List<String> paths = create(200, 1_500);
        // a client whose packet limit (64 KiB) is below the first batches' answers (124, then 62 nodes of 1.5 KiB)
        ZKClientConfig config = new ZKClientConfig();
        config.setProperty(ZKClientConfig.JUTE_MAXBUFFER, String.valueOf(64 * 1024));
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper small = new ZooKeeper(
                server.getConnectString(),
                20_000,
                event -> {
                    if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                        connected.countDown();
                    }
                },
                config);
        try {
            assertThat(connected.await(10, TimeUnit.SECONDS)).isTrue();
            BatchedReads[] reads = new BatchedReads[1];
            BatchedReads.Sink sink = sink();
            reads[0] = new BatchedReads(() -> small, new BatchedReads.Sink() {
                @Override
                public void read(String path, Stat stat, byte[] data) {
                    sink.read(path, stat, data);
                }

                @Override
                public void failed(Collection<String> lost, KeeperException.Code code) {
                    sink.failed(lost, code);
                    // as the watch does after a reconnect: read them again
                    reads[0].readAll(lost);
                }
            });

            reads[0].readAll(paths);

            await().atMost(Duration.ofSeconds(30)).until(() -> found.size() == paths.size());
            assertThat(failures).hasPositiveValue();
            assertThat(found.values()).containsOnly(1_500);
            assertThat(reads[0].batchSize()).isLessThan(64 * 1024 / 1_500);
        } finally {
            small.close();
        }
    }

    private BatchedReads.Sink sink() {
        return new BatchedReads.Sink() {
            @Override
            public void read(String path, Stat stat, byte[] data) {
                found.put(path, stat == null ? -1 : data.length);
            }

            @Override
            public void failed(Collection<String> paths, KeeperException.Code code) {
                failures.incrementAndGet();
            }
        };
    }

    private List<String> create(int count, int bytes) throws Exception {
        byte[] data = new byte[bytes];
        Arrays.fill(data, (byte) 'x');
        List<String> paths = new ArrayList<>();
        List<CuratorOp> ops = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String path = PARENT + "/127.0.0.1:" + (20_000 + i);
            paths.add(path);
            ops.add(writer.transactionOp()
                    .create()
                    .withMode(CreateMode.PERSISTENT)
                    .forPath(path, data));
            if (ops.size() == 500 || i == count - 1) {
                writer.transaction().forOperations(ops);
                ops.clear();
            }
        }
        return paths;
    }
}
