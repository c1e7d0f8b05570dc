package io.courier.core.coordination;

import io.courier.api.coordination.Lease;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The holders in this process of one reentrant, thread-bound distributed lock, on every registry: one
 * {@link Grant} per holding thread (with the backend's node or key that holds it), shared by all that
 * thread's leases and counted, so that a thread's leases share one token and one fate. A lease must be
 * closed on the thread that acquired it. Thread-safe.
 */
public final class LockHolders {

    private final String display;
    private final BiConsumer<Grant, String> onLastRelease;
    private final Runnable onEachRelease;
    private final Map<Thread, Holding> holdings = new ConcurrentHashMap<>();

    private static final class Holding {
        final Grant grant;
        final String node;
        int count; // touched by the holding thread only

        Holding(Grant grant, String node) {
            this.grant = grant;
            this.node = node;
        }
    }

    /**
     * @param display the lock's name in messages, e.g. {@code catalog (read)}
     * @param onLastRelease ends a thread's hold when its last lease closes: gets the grant and its node
     * @param onEachRelease runs after every lease's close, the last included (a backend that counts
     *     reentrant acquisitions itself releases one there)
     */
    public LockHolders(String display, BiConsumer<Grant, String> onLastRelease, Runnable onEachRelease) {
        this.display = display;
        this.onLastRelease = onLastRelease;
        this.onEachRelease = onEachRelease;
    }

    public boolean isHeldByCurrentThread() {
        return holdings.containsKey(Thread.currentThread());
    }

    /** The node or key by which the calling thread holds the lock, or null if it holds none. */
    public String nodeOfCurrentThread() {
        Holding holding = holdings.get(Thread.currentThread());
        return holding == null ? null : holding.node;
    }

    /** One more lease of the calling thread's hold, or null if it holds none. */
    public Lease reenter() {
        Thread thread = Thread.currentThread();
        Holding holding = holdings.get(thread);
        return holding == null ? null : lease(thread, holding);
    }

    /** The calling thread's first lease: it holds the lock by {@code node}, under {@code grant}. */
    public Lease enter(Grant grant, String node) {
        Thread thread = Thread.currentThread();
        Holding holding = new Holding(grant, node);
        holdings.put(thread, holding);
        return lease(thread, holding);
    }

    /**
     * The coordination is closing: invalidates every holder's grant, hands each node to {@code onNode},
     * and forgets them; a holder's later close ends nothing more.
     */
    public void releaseAllForClose(Consumer<String> onNode) {
        for (Holding holding : holdings.values()) {
            holding.grant.invalidate("the coordination closed");
            onNode.accept(holding.node);
        }
        holdings.clear();
    }

    private Lease lease(Thread thread, Holding holding) {
        holding.count++;
        return new GrantLease(holding.grant, () -> release(thread, holding));
    }

    private void release(Thread owner, Holding holding) {
        if (Thread.currentThread() != owner) {
            throw new IllegalMonitorStateException("lease of lock '" + display + "' closed on "
                    + Thread.currentThread().getName() + " (expected: the acquiring thread, " + owner.getName() + ")");
        }
        if (--holding.count == 0) {
            holdings.remove(owner);
            onLastRelease.accept(holding.grant, holding.node);
        }
        onEachRelease.run();
    }
}
