package io.courier.transport.internal.stream;

import io.courier.transport.StreamStats;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The stream gauges of one server or client, shared by its connections. Thread-safe. */
public final class StreamGauges implements StreamStats {

    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong peakQueuedBytes = new AtomicLong();
    private final LongAdder messagesSent = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final LongAdder messagesReceived = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();

    void opened() {
        open.incrementAndGet();
    }

    void ended() {
        open.decrementAndGet();
    }

    void queued(long bytes) {
        peakQueuedBytes.accumulateAndGet(bytes, Math::max);
    }

    /** A message of {@code payloadBytes} was encoded for the peer. */
    void sent(int payloadBytes) {
        messagesSent.increment();
        bytesSent.add(payloadBytes);
    }

    /** A message of {@code payloadBytes} was read from the peer. */
    void received(int payloadBytes) {
        messagesReceived.increment();
        bytesReceived.add(payloadBytes);
    }

    @Override
    public int openStreams() {
        return open.get();
    }

    @Override
    public long peakQueuedBytes() {
        return peakQueuedBytes.get();
    }

    @Override
    public long messagesSent() {
        return messagesSent.sum();
    }

    @Override
    public long bytesSent() {
        return bytesSent.sum();
    }

    @Override
    public long messagesReceived() {
        return messagesReceived.sum();
    }

    @Override
    public long bytesReceived() {
        return bytesReceived.sum();
    }
}
