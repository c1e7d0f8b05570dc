package io.courier.transport.internal.stream;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.serialization.Serializer;
import io.netty.buffer.ByteBuf;
import java.lang.reflect.Type;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sending half of a stream: subscribes to a {@link Flow.Publisher} (on the provider the one its
 * method returned, on the consumer the one passed to a client or bidirectional stream method) and
 * requests from it exactly the credit the receiver granted, so the publisher never produces more
 * than the receiver can take. A publisher that emits more than requested breaks its contract; the
 * stream then fails with {@code PROVIDER_ERROR}. Each message is encoded on the publisher's thread
 * and queued for the connection. Thread-safe.
 */
public final class OutboundMessages implements Flow.Subscriber<Object> {

    /** What the sending half tells its stream when the publisher ends. */
    interface Listener {

        /** The publisher completed: half-close. */
        void completed();

        /** The publisher failed, or could not be written: end the stream with {@code error}. */
        void failed(RpcException error);
    }

    private final long id;
    private final Serializer serializer;
    private final Type type;
    private final StreamChannel out;
    private final Listener owner;
    /** Messages the receiver granted and this side has not sent yet. */
    private final AtomicLong credit;

    // Guarded by this.
    private Flow.Subscription subscription;
    private long unrequested;
    private boolean cancelled;

    OutboundMessages(long id, int initialCredit, Serializer serializer, Type type, StreamChannel out, Listener owner) {
        this.id = id;
        this.serializer = serializer;
        this.type = type;
        this.out = out;
        this.owner = owner;
        this.credit = new AtomicLong(initialCredit);
        this.unrequested = initialCredit;
    }

    /** More credit from the receiver; false if the total would pass 2^31-1 messages. */
    boolean grant(int more) {
        Flow.Subscription target;
        synchronized (this) {
            if (credit.get() + more > Integer.MAX_VALUE) {
                return false;
            }
            credit.addAndGet(more);
            target = subscription;
            if (target == null) {
                unrequested += more;
            }
        }
        if (target != null && !isCancelled()) {
            target.request(more);
        }
        return true;
    }

    @Override
    public void onSubscribe(Flow.Subscription candidate) {
        long first;
        synchronized (this) {
            if (subscription != null || cancelled) {
                first = -1;
            } else {
                subscription = candidate;
                first = unrequested;
                unrequested = 0;
            }
        }
        if (first < 0) {
            candidate.cancel();
        } else if (first > 0) {
            candidate.request(first);
        }
    }

    @Override
    public void onNext(Object value) {
        if (isCancelled()) {
            return;
        }
        if (credit.decrementAndGet() < 0) {
            cancel();
            owner.failed(new RpcException(
                    ErrorCode.PROVIDER_ERROR,
                    "the publisher of stream " + id + " emitted more messages than were requested"));
            return;
        }
        ByteBuf frame;
        try {
            frame = out.frames().message(out.channel().alloc(), id, serializer, value, type);
        } catch (RpcException e) {
            cancel();
            owner.failed(e);
            return;
        }
        out.sendMessage(frame);
    }

    @Override
    public void onError(Throwable error) {
        if (!isCancelled()) {
            owner.failed(StreamFailures.of(error));
        }
    }

    @Override
    public void onComplete() {
        if (!isCancelled()) {
            owner.completed();
        }
    }

    /** Cancels the publisher (now, or as soon as it subscribes); later signals are ignored. */
    void cancel() {
        Flow.Subscription target;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            target = subscription;
        }
        if (target != null) {
            target.cancel();
        }
    }

    private synchronized boolean isCancelled() {
        return cancelled;
    }
}
