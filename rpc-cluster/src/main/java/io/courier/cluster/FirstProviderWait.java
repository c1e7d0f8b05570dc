package io.courier.cluster;

import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcResult;
import io.courier.api.cluster.Candidate;
import io.courier.api.cluster.Directory;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a reference's first calls until its directory lists a provider, for at most the first-list
 * wait, so that a call made right after the reference (or right after its provider was exported, as
 * when a Spring application injects a reference to a service it exports itself) does not fail with
 * {@code NO_PROVIDER} only because the registry's list is still on its way.
 *
 * <p>Ready first: once providers are listed, the first calls also wait, for at most the ready wait,
 * until a connection to one of them is ready ({@link Candidate#available()}), instead of going to a
 * listed address that may be stale (a dead rack's registrations outnumbering the live providers):
 * without it those calls would be sent, and retried, to addresses that refuse them while the live
 * provider's connection is still being made. The transport connects to every listed provider in
 * the background from the moment the reference is made, so the wait ends with the first connection.
 *
 * <p>The wait is the first call's: it starts when that call does, however long ago the reference was
 * made, and blocks the calling thread (as {@code Courier.reference()} did before). Once a wait has
 * ended, with a provider or without (then a WARN names the setting), every later call goes straight
 * to the chain: the cost after the first call is one volatile read. Calls made meanwhile on other
 * threads wait too, each for at most the same bound. Thread-safe.
 */
public final class FirstProviderWait implements Invoker {

    private static final Logger log = LoggerFactory.getLogger(FirstProviderWait.class);

    private final Invoker next;
    private final Directory directory;
    private final long waitMillis;
    private final long readyWaitMillis;
    private final String setting;
    private final Object changed = new Object();

    private static final long READY_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Whether a first wait has ended; guarded by {@code changed} for writes. */
    private volatile boolean passed;

    private FirstProviderWait(
            Invoker next, Directory directory, long waitMillis, long readyWaitMillis, String setting) {
        this.next = next;
        this.directory = directory;
        this.waitMillis = waitMillis;
        this.readyWaitMillis = readyWaitMillis;
        this.setting = setting;
    }

    /**
     * {@code next}, whose first calls wait up to {@code waitMillis} for {@code directory} to list a
     * provider; {@code next} itself when {@code waitMillis} is 0.
     *
     * @param setting the name of the setting {@code waitMillis} comes from, for the warning
     */
    public static Invoker of(Invoker next, Directory directory, long waitMillis, String setting) {
        return of(next, directory, waitMillis, 0, setting);
    }

    /**
     * As {@link #of(Invoker, Directory, long, String)}, the first calls then also waiting up to
     * {@code readyWaitMillis} for a listed provider to be ready (0: not at all); {@code next} itself
     * when both waits are 0.
     */
    public static Invoker of(Invoker next, Directory directory, long waitMillis, long readyWaitMillis, String setting) {
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(setting, "setting");
        if (waitMillis < 0) {
            throw new IllegalArgumentException("waitMillis: " + waitMillis + " (expected: >= 0)");
        }
        if (readyWaitMillis < 0) {
            throw new IllegalArgumentException("readyWaitMillis: " + readyWaitMillis + " (expected: >= 0)");
        }
        return waitMillis == 0 && readyWaitMillis == 0
                ? next
                : new FirstProviderWait(next, directory, waitMillis, readyWaitMillis, setting);
    }

    @Override
    public CompletableFuture<RpcResult> invoke(Invocation invocation) {
        if (!passed) {
            awaitFirstProvider();
        }
        return next.invoke(invocation);
    }

    private void awaitFirstProvider() {
        if (!directory.candidates().isEmpty()) {
            awaitReady();
            passed = true;
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        try (AutoCloseable listening = directory.addListener(this::wake)) {
            synchronized (changed) {
                long left;
                while (!passed && directory.candidates().isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(changed, left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("removing a directory listener failed", e);
        }
        boolean provided = !directory.candidates().isEmpty();
        if (provided) {
            awaitReady();
        }
        synchronized (changed) {
            if (passed) {
                return;
            }
            passed = true;
            changed.notifyAll();
        }
        if (!provided) {
            log.warn(
                    "The registry lists no provider of {} {} ms after the first call ({}); calls fail with"
                            + " NO_PROVIDER until a provider appears",
                    directory.serviceKey(),
                    waitMillis,
                    setting);
        }
    }

    /**
     * Waits up to the ready wait until a listed provider can take calls. Readiness is the transport's
     * and raises no directory event, so it is looked at every millisecond: one {@code available()}
     * per listed provider, for the first calls only.
     */
    private void awaitReady() {
        if (readyWaitMillis == 0 || passed || anyReady()) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(readyWaitMillis);
        try {
            synchronized (changed) {
                long left;
                while (!passed && !anyReady() && (left = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(changed, Math.min(left, READY_POLL_NANOS));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean anyReady() {
        for (Candidate candidate : directory.candidates()) {
            if (candidate.available()) {
                return true;
            }
        }
        return false;
    }

    private void wake() {
        synchronized (changed) {
            changed.notifyAll();
        }
    }
}
