package io.courier.api.internal;

import io.courier.api.Internal;
import io.courier.api.RpcResult;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;

/**
 * A call's future that can run one more action once it is done, without a completion stage: for the
 * in-flight count at the head of a consumer chain, which would otherwise put a stage (a node and a
 * future) on every call, on the thread that completes it. The cluster's strategies return it; the
 * count finds it under the filters that hand the future on as it is, and takes a stage for any
 * other future.
 *
 * <p>The action runs once, after the future's own dependents (the caller waiting in {@code get} is
 * woken first), on the thread that completed it, or on the thread that sets it when the future is
 * already done. Completing it by {@link #complete}, {@link #completeExceptionally} or {@link #cancel}
 * runs it; {@code obtrude*} does not. Thread-safe.
 */
@Internal
public class CallOutcome extends CompletableFuture<RpcResult> {

    private static final VarHandle ACTION;
    /** What {@link #action} holds once the action has run. */
    private static final Runnable RAN = () -> {};

    static {
        try {
            ACTION = MethodHandles.lookup().findVarHandle(CallOutcome.class, "action", Runnable.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through ACTION
    private volatile Runnable action;

    /**
     * Runs {@code action} once this future is done: later, on the thread that completes it, or now,
     * when it already is.
     *
     * @return {@code false}, and nothing will run, when an action was set before: the caller then needs a stage
     */
    public final boolean whenDoneRun(Runnable action) {
        if (!ACTION.compareAndSet(this, null, action)) {
            return false;
        }
        if (isDone()) {
            runAction();
        }
        return true;
    }

    @Override
    public boolean complete(RpcResult value) {
        boolean completed = super.complete(value);
        runAction();
        return completed;
    }

    @Override
    public boolean completeExceptionally(Throwable failure) {
        boolean completed = super.completeExceptionally(failure);
        runAction();
        return completed;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        runAction();
        return cancelled;
    }

    private void runAction() {
        Runnable set = (Runnable) ACTION.getVolatile(this);
        if (set != null && set != RAN && ACTION.compareAndSet(this, set, RAN)) {
            set.run();
        }
    }
}
