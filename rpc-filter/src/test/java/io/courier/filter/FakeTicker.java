package io.courier.filter;

import io.courier.api.time.Ticker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test moves it. */
public final class FakeTicker implements Ticker {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public long currentTimeMillis() {
        return millis.get();
    }

    public FakeTicker advance(long amount, TimeUnit unit) {
        long step = unit.toNanos(amount);
        nanos.addAndGet(step);
        millis.addAndGet(TimeUnit.NANOSECONDS.toMillis(step));
        return this;
    }

    public FakeTicker advanceMillis(long amount) {
        return advance(amount, TimeUnit.MILLISECONDS);
    }
}
