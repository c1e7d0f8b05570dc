package io.courier.registry.zookeeper.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the data of many nodes as read-only multis ({@code ZooKeeper#multi} of {@link Op#getData},
 * ZooKeeper 3.6+), a batch of nodes per request and at most {@value #MAX_IN_FLIGHT} requests in
 * flight; paths asked for while those are out wait and go together in the next batches.
 *
 * <p>Why: one request per node costs the server a round of its request pipeline each; 5,000 of them
 * took 0.5 to 1.7 s on a 2-core machine, the same data as 500-node multis 20 to 200 ms. Few, large
 * batches also matter on a loaded machine, where each round trip between the client's and the
 * server's threads waits for CPU: 5,000 nodes of 330 bytes are 8 batches, all in flight at once. A
 * lone path goes out at once, so a single change pays no batching delay.
 *
 * <p>A batch's answer must stay under the client's packet limit ({@code jute.maxbuffer}, 1 MiB by
 * default): batches are sized to {@value #BATCH_BYTES} bytes from twice the largest node seen so
 * far (so the answer stays under the limit unless nodes grow to four times that size), and a batch lost with the connection halves the size of the next ones (an answer over the
 * limit makes the client drop the connection).
 *
 * <p>Answers arrive on the ZooKeeper client's event thread, in the server's order relative to watch
 * events, so applying each answer as it comes keeps a node's state in step with its events.
 * Thread-safe.
 */
final class BatchedReads {

    /** What a read found: the node's data and stat, or no node ({@code stat} null). */
    interface Sink {
        void read(String path, Stat stat, byte[] data);

        /** The batch could not be read (connection lost, session expired); a full re-read follows. */
        void failed(Collection<String> paths, KeeperException.Code code);
    }

    /** A ZooKeeper handle, or an exception while there is none. */
    interface Handle {
        ZooKeeper get() throws Exception;
    }

    static final int MAX_IN_FLIGHT = 8;
    static final int BATCH_BYTES = 512 * 1024;
    static final int MAX_BATCH = 1_000;
    private static final int ASSUMED_NODE_BYTES = 2_048;
    private static final int OVERHEAD_BYTES = 128;

    private static final Logger log = LoggerFactory.getLogger(BatchedReads.class);

    private final Handle handle;
    private final Sink sink;
    // guarded by this
    private final LinkedHashSet<String> pending = new LinkedHashSet<>();
    private int inFlight;
    private int largestNode = ASSUMED_NODE_BYTES;
    private boolean measured;
    private int batchLimit = MAX_BATCH;
    private boolean closed;

    BatchedReads(Handle handle, Sink sink) {
        this.handle = handle;
        this.sink = sink;
    }

    /** Reads {@code path} soon; a path already waiting is read once. */
    void read(String path) {
        synchronized (this) {
            pending.add(path);
        }
        flush();
    }

    void readAll(Collection<String> paths) {
        synchronized (this) {
            pending.addAll(paths);
        }
        flush();
    }

    /** Forgets waiting paths and drops the answers still to come. */
    synchronized void close() {
        closed = true;
        pending.clear();
    }

    /** How many nodes one request reads at most now. */
    synchronized int batchSize() {
        int bySize = BATCH_BYTES / (2 * largestNode + OVERHEAD_BYTES);
        return Math.max(1, Math.min(batchLimit, bySize));
    }

    private void flush() {
        while (true) {
            List<String> batch;
            synchronized (this) {
                if (closed || pending.isEmpty() || inFlight >= MAX_IN_FLIGHT) {
                    return;
                }
                int size = batchSize();
                batch = new ArrayList<>(Math.min(size, pending.size()));
                for (Iterator<String> it = pending.iterator(); it.hasNext() && batch.size() < size; ) {
                    batch.add(it.next());
                    it.remove();
                }
                inFlight++;
            }
            send(batch);
        }
    }

    private void send(List<String> batch) {
        List<Op> ops = new ArrayList<>(batch.size());
        for (String path : batch) {
            ops.add(Op.getData(path));
        }
        try {
            handle.get().multi(ops, (rc, path, ctx, results) -> answered(batch, rc, results), null);
        } catch (Exception e) {
            log.debug("Could not send a read of {} nodes", batch.size(), e);
            answered(batch, KeeperException.Code.CONNECTIONLOSS.intValue(), null);
        }
    }

    private void answered(List<String> batch, int rc, List<OpResult> results) {
        synchronized (this) {
            inFlight--;
            if (closed) {
                return;
            }
            if (results == null && batch.size() > 1) {
                batchLimit = Math.max(1, batch.size() / 2);
            }
        }
        if (results == null) {
            sink.failed(batch, KeeperException.Code.get(rc));
        } else {
            deliver(batch, results);
        }
        flush();
    }

    private void deliver(List<String> batch, List<OpResult> results) {
        int largest = 0;
        for (int i = 0; i < batch.size(); i++) {
            OpResult result = results.get(i);
            if (result instanceof OpResult.GetDataResult data) {
                byte[] bytes = data.getData();
                largest = Math.max(largest, bytes == null ? 0 : bytes.length);
                sink.read(batch.get(i), data.getStat(), bytes);
            } else if (result instanceof OpResult.ErrorResult error
                    && error.getErr() == KeeperException.Code.NONODE.intValue()) {
                sink.read(batch.get(i), null, null);
            } else {
                sink.failed(List.of(batch.get(i)), errorCode(result));
            }
        }
        synchronized (this) {
            if (largest > 0) {
                // the assumed size gives way to the first measured one; after that it only grows
                largestNode = measured ? Math.max(largestNode, largest) : largest;
                measured = true;
            }
        }
    }

    private static KeeperException.Code errorCode(OpResult result) {
        return result instanceof OpResult.ErrorResult error
                ? KeeperException.Code.get(error.getErr())
                : KeeperException.Code.SYSTEMERROR;
    }
}
