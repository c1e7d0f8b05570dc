package io.courier.bench.harness;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.courier.bench.stream.UserStreamClient;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Streams about a gigabyte of users through Courier, in one stream, with a small heap on both sides, and reports the
 * heap each side needed: this JVM's from its garbage collector's notifications (the heap in use after each collection,
 * the live data) and from sampling, the server's from its GC log. A stream whose memory grew with what it carried
 * would end in an {@link OutOfMemoryError} long before a gigabyte; a bounded one runs in a few megabytes of live heap.
 *
 * <pre>
 * java -Xmx64m ... StreamHeap [MEGABYTES=1024] [SERVER_XMX=64m] [GC_LOG=rpc-bench/target/stream-heap-server-gc.log]
 * </pre>
 *
 * <p>The number of users is {@code MEGABYTES} (MiB) divided by the size of one user's message frame ({@link
 * UserStreamClient#messageBytes}: the 16-byte header, the kind byte and the protostuff user).
 */
public final class StreamHeap {

    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private StreamHeap() {}

    public static void main(String[] args) throws Exception {
        long megabytes = args.length > 0 ? Long.parseLong(args[0]) : 1024;
        String serverXmx = args.length > 1 ? args[1] : "64m";
        Path gcLog = Path.of(args.length > 2 ? args[2] : "rpc-bench/target/stream-heap-server-gc.log");
        Files.createDirectories(gcLog.toAbsolutePath().getParent());
        Files.deleteIfExists(gcLog);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        AfterCollections client = AfterCollections.install();
        try (ServerProcess server = ServerProcess.start(
                        RpcSystem.COURIER,
                        List.of(
                                "-Xms" + serverXmx,
                                "-Xmx" + serverXmx,
                                "-Dio.netty.leakDetection.level=disabled",
                                "-Xlog:gc:file=" + gcLog.toAbsolutePath()));
                UserStreamClient stream = StreamThroughput.connect(RpcSystem.COURIER, server.port());
                HeapSampler sampler = HeapSampler.start()) {
            int messageBytes = stream.messageBytes(1_000_000);
            int users = Math.toIntExact(megabytes * 1024 * 1024 / messageBytes);
            long started = System.nanoTime();
            long received = stream.stream(users);
            double seconds = (System.nanoTime() - started) / 1e9;
            double mib = received * (double) messageBytes / 1048576.0;
            out.printf(
                    "streamed %,d users (%d-byte frames, %,.0f MiB) in one stream in %.1f s: %,.0f users/s, %.1f"
                            + " MiB/s%n",
                    received, messageBytes, mib, seconds, received / seconds, mib / seconds);
            out.printf(
                    "client (-Xmx%d MiB): heap used at most %.1f MiB (sampled every 10 ms), at most %.1f MiB after a"
                            + " collection, %d collections%n",
                    Runtime.getRuntime().maxMemory() / 1048576,
                    sampler.peak() / 1048576.0,
                    client.peakAfter() / 1048576.0,
                    client.collections());
        }
        out.println(serverHeap(gcLog, serverXmx));
    }

    /** The server's heap from its GC log (lines {@code ... 40M->6M(64M) ...}), read once the server has exited. */
    static String serverHeap(Path gcLog, String xmx) throws IOException {
        long before = 0;
        long after = 0;
        long collections = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher gc = GC_LINE.matcher(line);
            if (gc.find()) {
                before = Math.max(before, Long.parseLong(gc.group(1)));
                after = Math.max(after, Long.parseLong(gc.group(2)));
                collections++;
            }
        }
        return String.format(
                "server (-Xmx%s): heap used at most %d MiB before a collection, at most %d MiB after one, %d"
                        + " collections (from %s)",
                xmx, before, after, collections, gcLog);
    }

    /** The largest heap in use after a collection, from the collectors' notifications. */
    private static final class AfterCollections {
        private final AtomicLong peakAfter = new AtomicLong();
        private final AtomicLong collections = new AtomicLong();

        static AfterCollections install() {
            AfterCollections listener = new AfterCollections();
            for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) collector)
                        .addNotificationListener(
                                (notification, handback) -> {
                                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                                            notification.getType())) {
                                        listener.collected(GarbageCollectionNotificationInfo.from(
                                                (CompositeData) notification.getUserData()));
                                    }
                                },
                                null,
                                null);
            }
            return listener;
        }

        private void collected(GarbageCollectionNotificationInfo info) {
            long used = 0;
            for (Map.Entry<String, MemoryUsage> pool :
                    info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                if (heapPool(pool.getKey())) {
                    used += pool.getValue().getUsed();
                }
            }
            peakAfter.accumulateAndGet(used, Math::max);
            collections.incrementAndGet();
        }

        private static boolean heapPool(String name) {
            return ManagementFactory.getMemoryPoolMXBeans().stream()
                    .anyMatch(pool -> pool.getName().equals(name) && pool.getType() == MemoryType.HEAP);
        }

        long peakAfter() {
            return peakAfter.get();
        }

        long collections() {
            return collections.get();
        }
    }

    /** Samples this JVM's heap in use every 10 ms and keeps the largest value. */
    private static final class HeapSampler implements AutoCloseable {
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread = new Thread(this::sample, "heap-sampler");
        private volatile boolean running = true;

        static HeapSampler start() {
            HeapSampler sampler = new HeapSampler();
            sampler.thread.setDaemon(true);
            sampler.thread.start();
            return sampler;
        }

        private void sample() {
            while (running) {
                peak.accumulateAndGet(
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long peak() {
            return peak.get();
        }

        @Override
        public void close() {
            running = false;
        }
    }
}
