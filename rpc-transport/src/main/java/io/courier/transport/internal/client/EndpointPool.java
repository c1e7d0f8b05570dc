package io.courier.transport.internal.client;

import io.courier.api.Endpoint;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.transport.ReconnectPolicy;
import io.courier.transport.internal.channel.Backoff;
import io.courier.transport.internal.channel.ChannelBytes;
import io.netty.util.Timer;
import io.netty.util.concurrent.EventExecutor;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * The client's connections to one endpoint: a fixed number of slots, each holding one shared,
 * multiplexed connection, connected lazily when a call first needs it. Calls are spread over the
 * slots round-robin.
 *
 * <p>A slot whose connection closed or announced "going away" is connected again on demand. After a
 * failed connect the endpoint is given a rest ({@link Backoff}: exponential with jitter); calls in
 * that time fail at once with {@link ErrorCode#CONNECT_FAILED}, "not executed", instead of waiting,
 * so that a cluster can try another provider. Thread-safe.
 *
 * <p>With a timer, a connection that closes while the pool is open (the provider died, or went away)
 * is replaced in the background at once, and a failed connect is retried in the background when its
 * rest is over, so that the pool learns whether the provider is reachable without sending calls into
 * it: {@link #available()} is {@code false} from the loss until a connect succeeds again, and while
 * a slot's connection is going away. A call to a slot whose connection is going away fails at once
 * with {@link ErrorCode#GOING_AWAY}, "not executed", rather than dialling a provider that is
 * shutting down.
 *
 * <p>With a {@link ConnectQueue} (the client's background mode), the pool connects as soon as it is
 * {@link #start() started}, through the queue (bounded concurrency), and {@link #available()} means
 * "a connection is ready": a cluster then sends calls only to endpoints known to be ready, and a
 * call reaches an unconnected endpoint only when no ready one exists. Repeated connects, background
 * or call-driven, take a token of the queue's rate, so that the refused connects per second stay
 * bounded however many addresses are dead. An address that has refused connections for longer than
 * the policy's {@code staleAfterMillis} is demoted: it is tried again only every
 * {@code staleRetryMillis}, and comes back at the first connect that succeeds.
 *
 * <p>With event loops (a host application's group), slot {@code i} is connected on loop
 * {@code i % loops}, and a call made on one of the loops prefers that loop's slots: its request is
 * queued without waking another thread and its answer completes on the caller's loop. A call from
 * any other thread takes the slots round-robin. The endpoint's health (failures, backoff, demotion,
 * reachability) stays one state for all the slots.
 */
public final class EndpointPool {

    private final Endpoint endpoint;
    private final IntFunction<CompletableFuture<ClientConnection>> connector;
    /** The loop of each slot modulo their number; {@code null} when the slots are on no particular loop. */
    private final List<? extends EventExecutor> loops;

    private final AtomicReferenceArray<ClientConnection> slots;
    private final CompletableFuture<?>[] connecting;
    private final AtomicInteger next = new AtomicInteger();
    private final LongSupplier clock;
    /** Runs background reconnects; {@code null} for none (connects on demand only). */
    private final Timer timer;
    /** Runs background connects and budgets repeated ones; {@code null} for connects on demand only. */
    private final ConnectQueue queue;

    /** Since a connection was lost or a connect failed, until a connect succeeds. */
    private volatile boolean unreachable;

    // Guarded by this.
    private boolean retryScheduled;
    private final ConnectFailures failures;
    private boolean closed;

    /**
     * A pool of {@code size} slots, slot {@code i}'s connection on {@code loops.get(i % loops.size())}.
     *
     * @param loops the event loops the connections run on, or {@code null} for none in particular
     * @param timer runs the background reconnects, or {@code null} for connects on demand only; owned by the
     *     caller
     * @param queue the client's background connects, or {@code null}: with one the pool connects through it
     *     once {@link #start() started}, is {@link #available()} only while a connection is ready, and
     *     demotes its address as {@code policy} says when it keeps refusing; owned by the caller
     * @param connector opens the connection of a slot on that slot's loop, failing with an
     *     {@link RpcException} when it cannot
     * @param clock {@link System#nanoTime()}, or a test's
     * @throws IllegalArgumentException if {@code size} is not a multiple of the loops
     */
    public EndpointPool(
            Endpoint endpoint,
            int size,
            List<? extends EventExecutor> loops,
            Backoff backoff,
            Timer timer,
            ConnectQueue queue,
            ReconnectPolicy policy,
            IntFunction<CompletableFuture<ClientConnection>> connector,
            LongSupplier clock) {
        if (loops != null && (loops.isEmpty() || size % loops.size() != 0)) {
            throw new IllegalArgumentException(
                    "size: " + size + " (expected: a multiple of the " + loops.size() + " event loops)");
        }
        this.loops = loops == null ? null : List.copyOf(loops);
        this.clock = clock;
        this.timer = timer;
        this.queue = queue;
        this.failures = new ConnectFailures(endpoint, backoff, policy, queue != null);
        this.endpoint = endpoint;
        this.connector = connector;
        this.slots = new AtomicReferenceArray<>(size);
        this.connecting = new CompletableFuture<?>[size];
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** In background mode, starts connecting through the queue; otherwise the first call connects. */
    public void start() {
        if (queue != null) {
            queue.first(() -> connect(0, true));
        }
    }

    /** Whether the address has refused connections for longer than the policy's bound. */
    public synchronized boolean demoted() {
        return failures.demoted();
    }

    /**
     * A ready connection without waiting, or {@code null} if the call must wait for a connect.
     * This is the path of almost every call.
     */
    public ClientConnection pick() {
        return pick(preferredSlot());
    }

    /**
     * Whether calls can be sent now: a connection is ready, or (without a {@link ConnectQueue}) none
     * was lost and no connect failed since the last success, as a fresh pool connects on the first
     * call. With a queue, only a ready connection counts. Lock-free.
     */
    public boolean available() {
        boolean leaving = false;
        for (int i = 0; i < slots.length(); i++) {
            ClientConnection connection = slots.get(i);
            if (connection != null) {
                if (connection.usable()) {
                    return true;
                }
                // Going away, or closed and about to be found lost: either way not a place for a call.
                leaving |= connection.isGoingAway() || !connection.isOpen();
            }
        }
        return queue == null && !unreachable && !leaving;
    }

    /**
     * Whether the endpoint may be reached: a connection is ready, or no connect failed and no
     * connection was lost since the last success (a first connect may still be under way). Unlike
     * {@link #available()}, a pool still connecting counts. Lock-free.
     */
    public boolean reachable() {
        for (int i = 0; i < slots.length(); i++) {
            ClientConnection connection = slots.get(i);
            if (connection != null && connection.usable()) {
                return true;
            }
        }
        return !unreachable;
    }

    /** A ready connection, once one is; fails with {@link RpcException} when none can be made. */
    public CompletableFuture<ClientConnection> acquire() {
        int slot = preferredSlot();
        ClientConnection ready = pick(slot);
        return ready != null ? CompletableFuture.completedFuture(ready) : connect(slot, false);
    }

    /** A slot on the calling thread's loop when it is one of the pool's loops, else the next slot round-robin. */
    private int preferredSlot() {
        if (loops != null) {
            int count = loops.size();
            for (int loop = 0; loop < count; loop++) {
                if (loops.get(loop).inEventLoop()) {
                    int perLoop = slots.length() / count;
                    return perLoop == 1 ? loop : loop + count * Math.floorMod(next.getAndIncrement(), perLoop);
                }
            }
        }
        return nextSlot();
    }

    private int nextSlot() {
        int size = slots.length();
        return size == 1 ? 0 : Math.floorMod(next.getAndIncrement(), size);
    }

    private ClientConnection pick(int preferredSlot) {
        ClientConnection preferred = slots.get(preferredSlot);
        if (preferred != null && preferred.usable()) {
            return preferred;
        }
        // The preferred slot needs a connection: start it for later calls, use another one now.
        connect(preferredSlot, false);
        int size = slots.length();
        for (int i = 1; i < size; i++) {
            ClientConnection other = slots.get((preferredSlot + i) % size);
            if (other != null && other.usable()) {
                return other;
            }
        }
        return null;
    }

    /**
     * Connects {@code slot} unless it is connected or connecting, or the address is resting after a
     * failure; {@code background} when the queue started it (and took a token for a repeat).
     */
    @SuppressWarnings("unchecked")
    private CompletableFuture<ClientConnection> connect(int slot, boolean background) {
        CompletableFuture<ClientConnection> attempt;
        CompletableFuture<ClientConnection> visible = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(
                        new RpcException(ErrorCode.CLOSED, "transport client closed (" + endpoint + ")"));
            }
            ClientConnection current = slots.get(slot);
            if (current != null && current.usable()) {
                return CompletableFuture.completedFuture(current);
            }
            if (current != null && current.isGoingAway()) {
                // The provider is shutting down: dialling it again would only fail, and later.
                return CompletableFuture.failedFuture(
                        new RpcException(ErrorCode.GOING_AWAY, "the provider at " + endpoint + " is going away"));
            }
            if (connecting[slot] != null) {
                return (CompletableFuture<ClientConnection>) connecting[slot];
            }
            long wait = failures.waitNanos(clock.getAsLong());
            if (failures.count() > 0 && wait > 0) {
                return CompletableFuture.failedFuture(new RpcException(
                        ErrorCode.CONNECT_FAILED,
                        "cannot connect to " + endpoint + " (" + failures.count() + " failed attempts, next in "
                                + TimeUnit.NANOSECONDS.toMillis(wait) + " ms)"));
            }
            if (failures.count() > 0 && !background && queue != null && !queue.tryRepeat()) {
                return CompletableFuture.failedFuture(new RpcException(
                        ErrorCode.CONNECT_FAILED,
                        "cannot connect to " + endpoint + " (" + failures.count()
                                + " failed attempts; the client's reconnects per second are spent)"));
            }
            attempt = connector.apply(slot);
            connecting[slot] = visible;
        }
        // Callers see the outcome only after the pool recorded it, so that the next call already
        // finds the new connection or the backoff.
        attempt.whenComplete((connection, failure) -> {
            connected(slot, connection, failure);
            if (failure != null) {
                visible.completeExceptionally(RpcException.unwrap(failure));
            } else {
                visible.complete(connection);
            }
        });
        return visible;
    }

    private void connected(int slot, ClientConnection connection, Throwable failure) {
        boolean closeNow;
        synchronized (this) {
            connecting[slot] = null;
            if (failure != null) {
                long delayMillis = failures.failed(
                        clock.getAsLong(), ThreadLocalRandom.current().nextDouble());
                unreachable = true;
                retryLater(slot, delayMillis);
                return;
            }
            failures.succeeded();
            unreachable = false;
            closeNow = closed;
            if (!closeNow) {
                slots.set(slot, connection);
            }
        }
        if (closeNow) {
            connection.close();
        } else {
            connection.closeFuture().thenRun(() -> lost(slot, connection));
        }
    }

    /** A connection of this pool closed: unless the pool is closing, find out at once whether the provider is still there. */
    private void lost(int slot, ClientConnection connection) {
        synchronized (this) {
            // Unreachable before the slot empties, so that available() never sees an empty slot
            // of a pool that has not yet learnt it lost its provider.
            if (!closed && timer != null) {
                unreachable = true;
            }
        }
        slots.compareAndSet(slot, connection, null);
        synchronized (this) {
            if (closed || timer == null) {
                return;
            }
        }
        if (queue != null) {
            queue.first(() -> connect(slot, true));
        } else {
            connect(slot, false);
        }
    }

    /** Schedules a background connect of {@code slot} when the rest after a failure is over. Guarded by this. */
    private void retryLater(int slot, long delayMillis) {
        if (closed || retryScheduled || timer == null) {
            return;
        }
        retryScheduled = true;
        try {
            timer.newTimeout(
                    timeout -> {
                        synchronized (this) {
                            retryScheduled = false;
                        }
                        if (queue != null) {
                            queue.repeat(() -> connect(slot, true));
                        } else {
                            connect(slot, false);
                        }
                    },
                    delayMillis,
                    TimeUnit.MILLISECONDS);
        } catch (IllegalStateException e) {
            // The timer stopped: the client is closing.
            retryScheduled = false;
        }
    }

    /** Connections in this pool's slots now (going-away connections that were replaced not included). */
    public int openConnections() {
        return (int) sum(connection -> connection.isOpen() ? 1 : 0);
    }

    /** Bytes written to this pool's connections that the sockets have not taken yet. */
    public long queuedBytes() {
        return sum(connection -> ChannelBytes.queued(connection.channel()));
    }

    /** Two-way calls in flight on this pool's connections now. */
    public int inFlight() {
        return (int) sum(connection -> connection.inFlight().size());
    }

    private long sum(ToLongFunction<ClientConnection> each) {
        long total = 0;
        for (int i = 0; i < slots.length(); i++) {
            ClientConnection connection = slots.get(i);
            if (connection != null) {
                total += each.applyAsLong(connection);
            }
        }
        return total;
    }

    /** Closes every connection; their calls in flight fail with {@link ErrorCode#NETWORK}. */
    public void close() {
        synchronized (this) {
            closed = true;
        }
        for (int i = 0; i < slots.length(); i++) {
            ClientConnection connection = slots.getAndSet(i, null);
            if (connection != null) {
                connection.close();
            }
        }
    }
}
