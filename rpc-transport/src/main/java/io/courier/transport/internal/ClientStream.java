package io.courier.transport.internal;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.RpcException;
import io.courier.transport.CallOptions;
import io.netty.util.Timeout;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The consumer's end of one server stream: the {@link Flow.Publisher} the call returns, for exactly
 * one subscriber. Messages arrive decoded from the IO thread into a queue that never holds more than
 * the credit granted to the provider ({@code window} messages): the provider may send only what was
 * granted, and more is refused as a window overflow. Credit is topped up as the subscriber takes
 * messages, half a window at a time, so a slow subscriber slows the provider down to its pace.
 *
 * <p>Signals go to the subscriber serially, on the IO thread when messages arrive or on the thread
 * that calls {@link #request}; a subscriber must not block in them (hand off, as with any
 * non-blocking publisher). An error ends the stream at once, dropping messages not yet delivered;
 * completion comes after the last message. Thread-safe.
 */
final class ClientStream implements Flow.Publisher<Object>, Flow.Subscription {

    private final long id;
    private final Invocation invocation;
    private final CallOptions options;
    private final ClientStreams owner;
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
    private RpcException error;
    private boolean terminated;
    private boolean cancelled;
    private Timeout deadline;

    ClientStream(long id, Invocation invocation, CallOptions options, ClientStreams owner, int window) {
        this.id = id;
        this.invocation = invocation;
        this.options = options;
        this.owner = owner;
        this.window = window;
        this.granted = window;
    }

    long id() {
        return id;
    }

    Invocation invocation() {
        return invocation;
    }

    CallOptions options() {
        return options;
    }

    synchronized void deadline(Timeout timeout) {
        deadline = timeout;
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
                    "stream " + id + " of " + invocation + " already has a subscriber (expected: one per call)"));
            return;
        }
        candidate.onSubscribe(this);
        drain();
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            owner.cancel(this);
            failLocally(new RpcException(
                    ErrorCode.BAD_REQUEST, true, "request(" + n + ") on stream " + id + " (expected: > 0)", null));
            return;
        }
        synchronized (this) {
            demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
        }
        drain();
    }

    @Override
    public void cancel() {
        synchronized (this) {
            if (cancelled || terminated) {
                return;
            }
            cancelled = true;
            queue.clear();
        }
        owner.cancel(this);
    }

    /**
     * A message from the provider (IO thread). Returns {@code false} when it is beyond the credit
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

    /** The provider's half-close: the stream's normal end, after the messages queued. */
    void onCompleted() {
        synchronized (this) {
            completed = true;
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

    /** Stops the deadline's timer once the stream has left its connection's table. */
    synchronized void left() {
        if (deadline != null) {
            deadline.cancel();
        }
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
                if (++takenSinceGrant >= Math.max(1, window / 2) && !completed) {
                    grant = takenSinceGrant;
                    takenSinceGrant = 0;
                    granted += grant;
                }
            } else if (queue.isEmpty() && completed) {
                terminated = true;
                complete = true;
            } else {
                return false;
            }
        }
        if (grant > 0) {
            owner.grant(this, grant);
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
        return "ClientStream(" + id + ", " + invocation + ")";
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
