package io.courier.grpc.internal;

import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A caller's stream of messages as the {@link Flow.Publisher} argument of a client or bidirectional
 * stream method. One subscriber. Messages the subscriber has not asked for wait here, up to {@link
 * #HIGH_WATER} of them; past that the HTTP/2 stream stops returning what it reads to the caller's
 * flow-control window, so the window closes and the caller slows down, and it returns the bytes again
 * when the subscriber has caught up.
 */
final class InboundMessages implements Flow.Publisher<Object> {

    static final int HIGH_WATER = 32;
    private static final int LOW_WATER = 8;

    private final GrpcStream stream;
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private final AtomicInteger draining = new AtomicInteger();
    // Guarded by "this".
    private Flow.Subscriber<? super Object> subscriber;
    private long demand;
    private boolean completed;
    private Throwable failure;
    private boolean cancelled;
    private boolean terminated;

    InboundMessages(GrpcStream stream) {
        this.stream = stream;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Object> next) {
        synchronized (this) {
            if (subscriber != null) {
                next.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {}

                    @Override
                    public void cancel() {}
                });
                next.onError(new IllegalStateException("a gRPC request stream has one subscriber"));
                return;
            }
            subscriber = next;
        }
        next.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                synchronized (InboundMessages.this) {
                    if (n <= 0) {
                        failure = new IllegalArgumentException("request: " + n + " (expected: > 0, rule 3.9)");
                        completed = true;
                        queue.clear();
                    } else {
                        demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                    }
                }
                drain();
            }

            @Override
            public void cancel() {
                synchronized (InboundMessages.this) {
                    cancelled = true;
                    queue.clear();
                }
            }
        });
        drain();
    }

    /** A message from the caller; on the stream's event loop. */
    void push(Object message) {
        synchronized (this) {
            if (cancelled || completed) {
                return;
            }
            queue.add(message);
            if (queue.size() >= HIGH_WATER) {
                stream.pauseReading();
            }
        }
        drain();
    }

    /** The caller half-closed: the publisher completes once its messages are delivered. */
    void complete() {
        synchronized (this) {
            completed = true;
        }
        drain();
    }

    /** The caller went away (reset, deadline): the subscriber gets {@code reason} at once. */
    void fail(Throwable reason) {
        synchronized (this) {
            if (completed && queue.isEmpty()) {
                return;
            }
            failure = reason;
            completed = true;
            queue.clear();
        }
        drain();
    }

    private void drain() {
        if (draining.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        while (true) {
            while (true) {
                Flow.Subscriber<? super Object> target;
                Object next = null;
                boolean terminate = false;
                Throwable error = null;
                boolean resume = false;
                synchronized (this) {
                    target = subscriber;
                    if (target == null || cancelled || terminated) {
                        break;
                    }
                    if (demand > 0 && !queue.isEmpty()) {
                        next = queue.poll();
                        demand--;
                        resume = queue.size() == LOW_WATER - 1;
                    } else if (completed && queue.isEmpty()) {
                        terminated = true;
                        terminate = true;
                        error = failure;
                    } else {
                        break;
                    }
                }
                if (resume) {
                    stream.resumeReading();
                }
                if (terminate) {
                    if (error == null) {
                        target.onComplete();
                    } else {
                        target.onError(error);
                    }
                    break;
                }
                target.onNext(next);
            }
            missed = draining.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    /** The reason a request stream ends when its caller cancels or resets it. */
    static CancellationException cancelled(String why) {
        return new CancellationException(why);
    }
}
