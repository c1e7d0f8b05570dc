package io.courier.core.coordination;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one grant of a lock or semaphore permit, shared by the leases of a reentrant holder:
 * its fencing token, whether it is still valid, and the callbacks to run when it stops being valid
 * for a reason other than its release. Shared by the registries' coordinations. Thread-safe.
 */
public final class Grant {

    private static final Logger log = LoggerFactory.getLogger(Grant.class);

    private final String name;
    private final long token;
    private final Executor callbacks;
    private final List<Runnable> onInvalidated = new ArrayList<>(); // guarded by this
    private volatile boolean valid = true;
    private boolean released; // guarded by this

    public Grant(String name, long token, Executor callbacks) {
        this.name = name;
        this.token = token;
        this.callbacks = callbacks;
    }

    public String name() {
        return name;
    }

    public long token() {
        return token;
    }

    public boolean isValid() {
        return valid;
    }

    /** Runs {@code callback} when the grant is invalidated, at once if it already was. */
    public void onInvalidated(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        synchronized (this) {
            if (valid) {
                onInvalidated.add(callback);
                return;
            }
            if (released) {
                return; // ended by its holder's own release: nothing to tell
            }
        }
        run(callback);
    }

    /** Ends the grant because the connection was suspended or lost, or the coordination closed. */
    public void invalidate(String reason) {
        List<Runnable> toRun;
        synchronized (this) {
            if (!valid) {
                return;
            }
            valid = false;
            toRun = List.copyOf(onInvalidated);
            onInvalidated.clear();
        }
        log.warn("Lease of '{}' (fencing token {}) invalidated: {}", name, token, reason);
        toRun.forEach(this::run);
    }

    /** Ends the grant because its holder released it; no callback runs. */
    public synchronized void release() {
        valid = false;
        released = true;
        onInvalidated.clear();
    }

    private void run(Runnable callback) {
        try {
            callbacks.execute(() -> {
                try {
                    callback.run();
                } catch (RuntimeException e) {
                    log.error("An invalidation callback of '{}' failed", name, e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("Coordination closed; invalidation callback of '{}' not run", name);
        }
    }
}
