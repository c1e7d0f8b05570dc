package io.courier.core.coordination;

import io.courier.api.coordination.Lease;
import java.util.concurrent.atomic.AtomicBoolean;

/** One {@link Lease} over a {@link Grant}; closing it runs {@code release} once. */
public final class GrantLease implements Lease {

    private final Grant grant;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    public GrantLease(Grant grant, Runnable release) {
        this.grant = grant;
        this.release = release;
    }

    @Override
    public String name() {
        return grant.name();
    }

    @Override
    public boolean isValid() {
        return !closed.get() && grant.isValid();
    }

    @Override
    public long fencingToken() {
        return grant.token();
    }

    @Override
    public void onInvalidated(Runnable callback) {
        grant.onInvalidated(callback);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                release.run();
            } catch (IllegalMonitorStateException e) {
                closed.set(false);
                throw e;
            }
        }
    }

    @Override
    public String toString() {
        return "Lease[" + grant.name() + ", token " + grant.token() + (isValid() ? "" : ", invalid") + "]";
    }
}
