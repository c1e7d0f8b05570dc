package io.courier.cluster.testing;

import io.courier.api.time.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link Ticker} that moves only when told to; both clocks move together. */
public final class FakeTicker implements Ticker {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicLong wallMillis = new AtomicLong(1_700_000_000_000L);

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public long currentTimeMillis() {
        return wallMillis.get();
    }

    public void advance(Duration duration) {
        advanceNanos(duration.toNanos());
    }

    public void advanceNanos(long delta) {
        nanos.addAndGet(delta);
        wallMillis.addAndGet(delta / 1_000_000);
    }
}
