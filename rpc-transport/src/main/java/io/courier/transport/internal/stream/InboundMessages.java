package io.courier.transport.internal.stream;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The receiving half of a stream, as a {@link Flow.Publisher} for exactly one subscriber: on the
 * consumer the provider's messages (what a stream call returns), on the provider the consumer's
 * (the argument of a client or bidirectional stream method). Messages arrive decoded from the IO
 * thread into a queue that never holds more than the credit granted to the sender ({@code window}
 * messages): the sender may send only what was granted, and more is refused as a window overflow.
 * Credit is topped up as the subscriber takes messages, half a window at a time, so a slow
 * subscriber slows the sender down to its pace.
 *
 * <p>Signals go to the subscriber serially, on the IO thread when messages arrive or on the thread
 * that calls {@link #request}; a subscriber must not block in them (hand off, as with any
 * non-blocking publisher). A local failure (a deadline, a cancel, the connection gone) ends the stream
 * at once, dropping messages not yet delivered; the sender's own end, completion or an error, comes after
 * the messages it sent before it. Thread-safe.
 */
public final class InboundMessages implements Flow.Publisher<Object>, Flow.Subscription {

    /** What the receiving half asks of its stream. */
    interface Listener {

        /** Grant the sender {@code credit} more messages (a window frame). */
        void grant(int credit);

        /** The subscriber cancelled, or broke the rules: tell the sender, end the stream. */
        void cancelled();
    }

    private final long id;
    private final String name;
    private final Listener owner;
    private final int window;
    private final AtomicInteger wip = new AtomicInteger();

    // Guarded by this.
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private Flow.Subscriber<? super Object> subscriber;
    private long demand;
    private long granted;
    private long received;
    private int takenSinceGrant;
    private boolean completed;
    private RpcException senderError; // the sender's error frame: delivered after the queued messages
    private RpcException error; // a local failure: delivered at once
    private boolean terminated;
    private boolean cancelled;

    /**
     * @param name the stream in error messages
     * @param window the credit granted when the stream opened, and what the queue may hold
     */
    InboundMessages(long id, String name, Listener owner, int window) {
        this.id = id;
        this.name = name;
        this.owner = owner;
        this.window = window;
        this.granted = window;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Object> candidate) {
        boolean first;
        synchronized (this) {
            first = subscriber == null;
            if (first) {
                subscriber = candidate;
            }
        }
        if (!first) {
            candidate.onSubscribe(NoSubscription.INSTANCE);
            candidate.onError(new IllegalStateException(
                    "stream " + id + " of " + name + " already has a subscriber (expected: one)"));
            return;
        }
        candidate.onSubscribe(this);
        drain();
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            // Rule 3.9 of Reactive Streams: the subscriber hears of it; the sender is told to stop.
            failLocally(new RpcException(
                    ErrorCode.BAD_REQUEST, true, "request(" + n + ") on stream " + id + " (expected: > 0)", null));
            owner.cancelled();
            return;
        }
        synchronized (this) {
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
        }
        drain();
    }

    @Override
    public void cancel() {
        if (cancelQuietly()) {
            owner.cancelled();
        }
    }

    /** Stops delivering without telling the sender; true if this call did. */
    private boolean cancelQuietly() {
        synchronized (this) {
            if (cancelled || terminated) {
                return false;
            }
            cancelled = true;
            queue.clear();
            return true;
        }
    }

    /**
     * A message from the sender (IO thread). Returns {@code false} when it is beyond the credit
     * granted: the caller then ends the stream as a window overflow.
     */
    boolean onMessage(Object value) {
        synchronized (this) {
            if (terminated || cancelled) {
                return true;
            }
            if (++received > granted) {
                return false;
            }
            queue.add(value);
        }
        drain();
        return true;
    }

    /** The sender's half-close: the normal end, after the messages queued. */
    void onCompleted() {
        synchronized (this) {
            completed = true;
        }
        drain();
    }

    /** The sender's error: the end of the stream, after the messages queued before it (IO thread). */
    void onFailed(RpcException failure) {
        synchronized (this) {
            if (senderError == null && !completed) {
                senderError = failure;
            }
        }
        drain();
    }

    /** Ends the stream with {@code failure} now, dropping undelivered messages (any thread). */
    void failLocally(RpcException failure) {
        synchronized (this) {
            if (error == null && !terminated) {
                error = failure;
            }
        }
        drain();
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            while (emitOne()) {
                // keep delivering while there is something to deliver and demand for it
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    /** Delivers one signal, if one is due; false when there is nothing to do now. */
    private boolean emitOne() {
        Flow.Subscriber<? super Object> target;
        Object next = null;
        RpcException failure = null;
        boolean complete = false;
        int grant = 0;
        synchronized (this) {
            target = subscriber;
            if (target == null || terminated || cancelled) {
                return false;
            }
            if (error != null) {
                terminated = true;
                queue.clear();
                failure = error;
            } else if (!queue.isEmpty() && demand > 0) {
                next = queue.poll();
                demand--;
                if (++takenSinceGrant >= Math.max(1, window / 2) && !completed && senderError == null) {
                    grant = takenSinceGrant;
                    takenSinceGrant = 0;
                    granted += grant;
                }
            } else if (queue.isEmpty() && senderError != null) {
                terminated = true;
                failure = senderError;
            } else if (queue.isEmpty() && completed) {
                terminated = true;
                complete = true;
            } else {
                return false;
            }
        }
        if (grant > 0) {
            owner.grant(grant);
        }
        if (failure != null) {
            target.onError(failure);
        } else if (complete) {
            target.onComplete();
        } else {
            target.onNext(next);
        }
        return true;
    }

    @Override
    public String toString() {
        return "InboundMessages(" + id + ", " + name + ")";
    }

    /** The subscription of a subscriber that is refused at once. */
    enum NoSubscription implements Flow.Subscription {
        INSTANCE;

        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
    }
}
