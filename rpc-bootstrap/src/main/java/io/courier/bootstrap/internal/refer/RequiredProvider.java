package io.courier.bootstrap.internal.refer;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.cluster.Directory;
import io.courier.bootstrap.config.RegistryKeys;
import java.util.concurrent.TimeUnit;

/**
 * The check of a {@code required} reference (Dubbo's {@code check=true}): creating the reference
 * fails unless the registry lists a provider of its service by the end of the first-list wait. A
 * provider that registers during the wait is waited for, so that a provider and a consumer started
 * together pass.
 */
public final class RequiredProvider {

    private RequiredProvider() {}

    /**
     * Waits until {@code directory} has a provider or {@code deadlineNanos} (a {@link System#nanoTime()}
     * value) passes.
     *
     * @throws RpcException {@link ErrorCode#NO_PROVIDER} if it has none by then
     */
    static void await(Directory directory, String where, long waitMillis, long deadlineNanos) {
        Object changed = new Object();
        try (AutoCloseable listening = directory.addListener(() -> {
            synchronized (changed) {
                changed.notifyAll();
            }
        })) {
            synchronized (changed) {
                long left;
                while (directory.candidates().isEmpty() && (left = deadlineNanos - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(changed, left);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("removing a directory listener failed", e);
        }
        if (directory.candidates().isEmpty()) {
            throw new RpcException(
                    ErrorCode.NO_PROVIDER,
                    where + ": required, but the registry lists no provider of " + directory.serviceKey()
                            + " after " + waitMillis + " ms (" + RegistryKeys.REGISTRY_FIRST_LIST_WAIT_MILLIS.name()
                            + ") (expected: a running provider of this service with the same group and version,"
                            + " registered in the registry this application reads; or required = false to start"
                            + " without one)");
        }
    }
}
