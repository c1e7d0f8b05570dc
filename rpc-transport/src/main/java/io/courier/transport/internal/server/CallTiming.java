package io.courier.transport.internal.server;

import io.courier.transport.internal.executor.CallPlacement;
import io.courier.transport.internal.executor.RunQueueWait;
import io.netty.channel.Channel;

/**
 * How long one call ran, told to its method's {@link CallPlacement} so that the adaptive pool can move
 * fast methods to the IO thread (and back): the one measurement of Courier's own calls and of other
 * protocols' on the port. A call that runs on the IO thread is measured net of the time the scheduler
 * took the thread away ({@link RunQueueWait}).
 */
final class CallTiming {

    private final CallPlacement placement;
    private final RunQueueWait inlineWait;
    private final long start;

    private CallTiming(CallPlacement placement, RunQueueWait inlineWait, long start) {
        this.placement = placement;
        this.inlineWait = inlineWait;
        this.start = start;
    }

    /** Starts the clock of a call about to run; {@code null} (nothing to measure) without a placement. */
    static CallTiming start(CallPlacement placement, Channel channel) {
        if (placement == null) {
            return null;
        }
        RunQueueWait inlineWait = null;
        if (channel.eventLoop().inEventLoop()) {
            // Before the clock starts: the thread's first call opens the statistics file.
            inlineWait = RunQueueWait.current();
        }
        long start = System.nanoTime();
        // The reading before the clock starts: a read preempted after it sampled the counters
        // would otherwise put its own wait in the call's time, uncounted.
        if (inlineWait != null && inlineWait.mark(start)) {
            start = System.nanoTime();
        }
        return new CallTiming(placement, inlineWait, start);
    }

    /** The call has run (its invoker returned). */
    void end() {
        long nanos = System.nanoTime() - start;
        if (inlineWait != null) {
            placement.ranInline(nanos, inlineWait);
        } else {
            placement.ranPooled(nanos);
        }
    }
}
