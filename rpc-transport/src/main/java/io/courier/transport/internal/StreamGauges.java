package io.courier.transport.internal;

import io.courier.transport.StreamStats;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The stream gauges of one server or client, shared by its connections. Thread-safe. */
public final class StreamGauges implements StreamStats {

    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong peakQueuedBytes = new AtomicLong();

    void opened() {
        open.incrementAndGet();
    }

    void ended() {
        open.decrementAndGet();
    }

    void queued(long bytes) {
        peakQueuedBytes.accumulateAndGet(bytes, Math::max);
    }

    @Override
    public int openStreams() {
        return open.get();
    }

    @Override
    public long peakQueuedBytes() {
        return peakQueuedBytes.get();
    }
}
