package io.courier.gateway;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the gateway counts: requests by status class, calls, time spent in calls, open
 * connections; served as JSON at {@code GET /metrics}. Thread-safe.
 */
final class GatewayMetrics {

    private final LongAdder[] byStatusClass = new LongAdder[6];
    private final LongAdder calls = new LongAdder();
    private final LongAdder callNanos = new LongAdder();
    final AtomicInteger connections = new AtomicInteger();
    private final LongAdder refusedConnections = new LongAdder();
    final AtomicInteger streams = new AtomicInteger();
    private final LongAdder refusedStreams = new LongAdder();
    private final LongAdder resetBeforeCall = new LongAdder();
    private final LongAdder cancelledCalls = new LongAdder();
    private final java.util.concurrent.atomic.AtomicLong streamHeldBytesPeak =
            new java.util.concurrent.atomic.AtomicLong();
    private final AtomicInteger streamHeldMessagesPeak = new AtomicInteger();

    GatewayMetrics() {
        for (int i = 0; i < byStatusClass.length; i++) {
            byStatusClass[i] = new LongAdder();
        }
    }

    void answered(int status) {
        byStatusClass[Math.min(5, Math.max(0, status / 100))].increment();
    }

    void called(long nanos) {
        calls.increment();
        callNanos.add(nanos);
    }

    /** A request whose client reset its stream or closed its connection before the call began. */
    void resetBeforeCall() {
        resetBeforeCall.increment();
    }

    /** A call cancelled because its client went away (an HTTP/2 reset, a closed connection). */
    void cancelledCall() {
        cancelledCalls.increment();
    }

    void refusedStream() {
        refusedStreams.increment();
    }

    /** What one stream holds now, written and not yet taken by the socket: the peaks are kept. */
    void streamHeld(long bytes, int messages) {
        streamHeldBytesPeak.accumulateAndGet(bytes, Math::max);
        streamHeldMessagesPeak.accumulateAndGet(messages, Math::max);
    }

    void refusedConnection() {
        refusedConnections.increment();
    }

    ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        ObjectNode responses = json.putObject("responses");
        for (int i = 1; i < byStatusClass.length; i++) {
            responses.put(i + "xx", byStatusClass[i].sum());
        }
        long count = calls.sum();
        json.put("calls", count);
        json.put("callMillisAverage", count == 0 ? 0 : callNanos.sum() / count / 1e6);
        json.put("connections", connections.get());
        json.put("refusedConnections", refusedConnections.sum());
        json.put("resetBeforeCall", resetBeforeCall.sum());
        json.put("cancelledCalls", cancelledCalls.sum());
        json.put("streams", streams.get());
        json.put("refusedStreams", refusedStreams.sum());
        json.put("streamHeldBytesPeak", streamHeldBytesPeak.get());
        json.put("streamHeldMessagesPeak", streamHeldMessagesPeak.get());
        return json;
    }
}
