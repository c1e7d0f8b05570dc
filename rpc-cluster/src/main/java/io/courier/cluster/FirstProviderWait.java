package io.courier.cluster;

import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcResult;
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
    private final String setting;
    private final Object changed = new Object();

    /** Whether a first wait has ended; guarded by {@code changed} for writes. */
    private volatile boolean passed;

    private FirstProviderWait(Invoker next, Directory directory, long waitMillis, String setting) {
        this.next = next;
        this.directory = directory;
        this.waitMillis = waitMillis;
        this.setting = setting;
    }

    /**
     * {@code next}, whose first calls wait up to {@code waitMillis} for {@code directory} to list a
     * provider; {@code next} itself when {@code waitMillis} is 0.
     *
     * @param setting the name of the setting {@code waitMillis} comes from, for the warning
     */
    public static Invoker of(Invoker next, Directory directory, long waitMillis, String setting) {
        Objects.requireNonNull(next, "next");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(setting, "setting");
        if (waitMillis < 0) {
            throw new IllegalArgumentException("waitMillis: " + waitMillis + " (expected: >= 0)");
        }
        return waitMillis == 0 ? next : new FirstProviderWait(next, directory, waitMillis, setting);
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

    private void wake() {
        synchronized (changed) {
            changed.notifyAll();
        }
    }
}
