package io.courier.gateway;

import io.netty.buffer.ByteBufHolder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.Flow;
import org.slf4j.LoggerFactory;

/**
 * Writes the messages of a stream to one HTTP response or WebSocket, with the stream's flow control
 * carried through: at most {@link #WINDOW} messages are asked of the stream and not yet written to
 * the socket, and more are asked for only when the channel is writable (the client reads). A client
 * that stops reading therefore stops the provider: the gateway holds at most {@link #WINDOW}
 * messages of the stream in its outbound buffer (the consumer's transport holds at most its stream
 * window more, {@code courier.client.streams.window}). The channel's end (the client went away, an
 * HTTP/2 reset) cancels the stream.
 *
 * <p>Signals may come from any thread; all work runs on the channel's event loop.
 */
final class StreamWriter implements Flow.Subscriber<String> {

    /** Messages asked of the stream and not yet written to the socket, at most. */
    static final int WINDOW = 16;

    private final Channel channel;
    private final StreamFraming framing;
    private final boolean closeAfter;
    private final Runnable onEnd;
    private final GatewayMetrics metrics;
    private Flow.Subscription subscription;
    private int outstanding;
    private int writing;
    private long heldBytes;
    private boolean done;

    /**
     * @param channel the channel the stream is written to: a connection or an HTTP/2 stream
     * @param closeAfter whether the channel closes once the stream's end is written
     * @param onEnd runs once, on the event loop, when the stream ends for any reason
     */
    StreamWriter(Channel channel, StreamFraming framing, boolean closeAfter, Runnable onEnd, GatewayMetrics metrics) {
        this.channel = channel;
        this.framing = framing;
        this.closeAfter = closeAfter;
        this.onEnd = onEnd;
        this.metrics = metrics;
        channel.closeFuture().addListener(closed -> channel.eventLoop().execute(this::cancel));
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        channel.eventLoop().execute(() -> {
            if (done || this.subscription != null) {
                subscription.cancel();
                return;
            }
            this.subscription = subscription;
            refill();
        });
    }

    @Override
    public void onNext(String json) {
        channel.eventLoop().execute(() -> {
            if (done) {
                return;
            }
            Object message = framing.message(channel.alloc(), json);
            long bytes =
                    message instanceof ByteBufHolder holder ? holder.content().readableBytes() : 0;
            heldBytes += bytes;
            writing++;
            metrics.streamHeld(heldBytes, writing);
            channel.writeAndFlush(message).addListener((ChannelFuture written) -> {
                outstanding--;
                writing--;
                heldBytes -= bytes;
                if (written.isSuccess()) {
                    refill();
                } else {
                    cancel();
                }
            });
        });
    }

    @Override
    public void onError(Throwable failure) {
        channel.eventLoop().execute(() -> finish(framing.error(channel.alloc(), Problems.ofFailure(failure))));
    }

    @Override
    public void onComplete() {
        channel.eventLoop().execute(() -> finish(framing.end(channel.alloc())));
    }

    /** Asks the stream for more when the channel is writable and half the window is written. */
    void refill() {
        if (done || subscription == null || !channel.isWritable() || outstanding > WINDOW / 2) {
            return;
        }
        int more = WINDOW - outstanding;
        outstanding = WINDOW;
        subscription.request(more);
    }

    /** Ends the stream without an end on the wire: the client is gone or the write failed. */
    void cancel() {
        if (done) {
            return;
        }
        done = true;
        if (subscription != null) {
            subscription.cancel();
        }
        onEnd.run();
    }

    private void finish(Object last) {
        if (done || !channel.isActive()) {
            ReferenceCountUtil.release(last);
            if (!done) {
                done = true;
                onEnd.run();
            }
            return;
        }
        done = true;
        onEnd.run();
        ChannelFuture written = channel.writeAndFlush(last);
        if (closeAfter) {
            written.addListener(io.netty.channel.ChannelFutureListener.CLOSE);
        }
        written.addListener(w -> {
            if (!w.isSuccess()) {
                LoggerFactory.getLogger(StreamWriter.class)
                        .debug("The end of a stream to {} was not written: {}", channel.remoteAddress(), w.cause());
            }
        });
    }
}
