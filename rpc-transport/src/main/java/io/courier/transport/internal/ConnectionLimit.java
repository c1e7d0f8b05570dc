package io.courier.transport.internal;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts a server's open connections against its maximum. Thread-safe. */
public final class ConnectionLimit {

    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    public ConnectionLimit(int max) {
        this.max = max;
    }

    /** Takes a place for a new connection; {@code false} if the server is full. */
    public boolean tryAcquire() {
        while (true) {
            int current = open.get();
            if (current >= max) {
                return false;
            }
            if (open.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Gives back the place of a closed connection. */
    public void release() {
        open.decrementAndGet();
    }

    public int open() {
        return open.get();
    }

    public int max() {
        return max;
    }
}
