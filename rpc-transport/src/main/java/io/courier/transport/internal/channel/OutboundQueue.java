package io.courier.transport.internal.channel;

import io.courier.api.ErrorCode;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Batches writes from any thread into one flush per event-loop turn. Callers {@link #enqueue}; the
 * first enqueue after a drain schedules one task on the channel's event loop, which writes
 * everything queued by then and flushes once, so concurrent calls share system calls (the job of
 * Netty's {@code FlushConsolidationHandler}, without a task per write). Thread-safe.
 */
public final class OutboundQueue implements Runnable {

    /** Writes per drain before a flush, so that one busy connection cannot hog its event loop. */
    private static final int MAX_WRITES_PER_DRAIN = 1024;

    private final Channel channel;
    private final ChannelPromise voidPromise;
    private final Queue<Outbound> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean closeWhenFlushed;
    private volatile boolean refuseRequests;
    /** A {@link #writeNow} is waiting for the drain's flush; event loop only. */
    private boolean flushPending;

    public OutboundQueue(Channel channel) {
        this.channel = channel;
        this.voidPromise = channel.voidPromise();
    }

    /** Queues {@code item}; it is written, or {@link Outbound#onDropped() dropped} if the channel closed. */
    public void enqueue(Outbound item) {
        queue.add(item);
        schedule();
    }

    /**
     * Writes {@code message} at once, on the event loop, ahead of anything still queued, and makes
     * sure the next drain flushes it: an answer computed on the IO thread need not cross the queue.
     * Released if the channel is closed. Event loop only.
     */
    public void writeNow(Object message) {
        if (!channel.isActive()) {
            ReferenceCountUtil.release(message);
            return;
        }
        channel.write(message, voidPromise);
        if (!flushPending) {
            flushPending = true;
            schedule();
        }
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            try {
                channel.eventLoop().execute(this);
            } catch (RejectedExecutionException e) {
                // The event loop is shut down: nothing will ever write these.
                scheduled.set(false);
                dropAll();
            }
        }
    }

    /**
     * Closes the channel once everything queued before and by the next drain is flushed to the
     * socket, e.g. after the last answer of a graceful close.
     */
    public void closeWhenFlushed() {
        closeWhenFlushed = true;
        schedule();
    }

    /**
     * Drops every request from the next drain on, with {@link ErrorCode#GOING_AWAY}: called on the
     * event loop when the server goes away, so that no request follows the acknowledging ping.
     */
    public void refuseRequests() {
        refuseRequests = true;
    }

    /** Drops everything still queued; called when the channel is gone. */
    public void dropAll() {
        Outbound item;
        while ((item = queue.poll()) != null) {
            item.onDropped(ErrorCode.NETWORK);
        }
    }

    @Override
    public void run() {
        boolean active = channel.isActive();
        int writes = 0;
        Outbound item;
        while (writes < MAX_WRITES_PER_DRAIN && (item = queue.poll()) != null) {
            if (!active) {
                item.onDropped(ErrorCode.NETWORK);
            } else if (item.abandoned()) {
                item.onDropped(ErrorCode.TIMEOUT);
            } else if (refuseRequests && item.request()) {
                item.onDropped(ErrorCode.GOING_AWAY);
            } else {
                // Marked before the write: once Netty holds the bytes they may reach the peer.
                item.onWritten();
                channel.write(item.message(), voidPromise);
                writes++;
            }
        }
        if (writes > 0 || flushPending) {
            flushPending = false;
            channel.flush();
        }
        scheduled.set(false);
        if (!queue.isEmpty() || flushPending) {
            schedule();
        } else if (closeWhenFlushed && active) {
            // Completes after every earlier write, so nothing queued is cut off.
            channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
