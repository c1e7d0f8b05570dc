package io.courier.gateway;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;

/**
 * The client's side of a stream over a WebSocket: each text frame is one message (a JSON value) of
 * a client or bidirectional stream, published to the stream as the provider grants credit; an empty
 * text frame ends the client's messages (a half-close: the provider's messages go on); a close frame
 * ends the whole stream. At most {@link StreamWriter#WINDOW} messages wait here: past that the
 * gateway stops reading the socket until the provider asks for more, so a fast client is slowed by
 * the provider, not buffered. A binary frame is refused (close 1003).
 *
 * <p>One per WebSocket, subscribed once; all work on the channel's event loop.
 */
final class WebSocketStream extends SimpleChannelInboundHandler<WebSocketFrame> implements Flow.Publisher<String> {

    private final Channel channel;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private Flow.Subscriber<? super String> subscriber;
    private long demand;
    private boolean inputEnded;
    private boolean finished;
    private final boolean takesMessages;
    private StreamWriter writer;

    /** @param takesMessages whether the stream takes the client's messages; if not, text frames are dropped */
    WebSocketStream(Channel channel, boolean takesMessages) {
        this.channel = channel;
        this.takesMessages = takesMessages;
    }

    /** The writer of the stream's answers: cancelled by the client's close, refilled when writable. Event loop. */
    void writer(StreamWriter writer) {
        this.writer = writer;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super String> subscriber) {
        channel.eventLoop().execute(() -> {
            if (this.subscriber != null) {
                subscriber.onSubscribe(new Subscription());
                subscriber.onError(new IllegalStateException("a WebSocket's messages can be subscribed once"));
                return;
            }
            this.subscriber = subscriber;
            subscriber.onSubscribe(new Subscription());
            drain();
        });
    }

    private final class Subscription implements Flow.Subscription {
        @Override
        public void request(long n) {
            channel.eventLoop().execute(() -> {
                if (n <= 0) {
                    fail(new IllegalArgumentException("request: " + n + " (expected: > 0)"));
                    return;
                }
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                drain();
            });
        }

        @Override
        public void cancel() {
            channel.eventLoop().execute(() -> {
                finished = true;
                queue.clear();
                channel.config().setAutoRead(true);
            });
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text) {
            if (inputEnded || finished || !takesMessages) {
                return;
            }
            String message = text.text();
            if (message.isEmpty()) {
                inputEnded = true;
            } else {
                queue.add(message);
                if (queue.size() >= StreamWriter.WINDOW) {
                    channel.config().setAutoRead(false);
                }
            }
            drain();
        } else if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        } else if (frame instanceof CloseWebSocketFrame) {
            inputEnded = true;
            fail(new RpcException(ErrorCode.BAD_REQUEST, "the client closed the WebSocket"));
            if (writer != null) {
                writer.cancel();
            }
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
                    .addListener(ChannelFutureListener.CLOSE);
        } else if (!(frame instanceof PongWebSocketFrame)) {
            ctx.writeAndFlush(new CloseWebSocketFrame(
                            WebSocketCloseStatus.INVALID_MESSAGE_TYPE, "expected: text frames of JSON"))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void drain() {
        while (subscriber != null && !finished && demand > 0 && !queue.isEmpty()) {
            demand--;
            subscriber.onNext(queue.poll());
        }
        if (!finished && queue.size() < StreamWriter.WINDOW && !channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
        if (subscriber != null && !finished && inputEnded && queue.isEmpty()) {
            finished = true;
            subscriber.onComplete();
        }
    }

    private void fail(Throwable failure) {
        if (subscriber != null && !finished) {
            finished = true;
            queue.clear();
            subscriber.onError(failure);
        }
    }

    /** A WebSocket quiet both ways for the idle timeout is closed (1001), which cancels its stream. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof io.netty.handler.timeout.IdleStateEvent) {
            ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "idle"))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (writer != null) {
            writer.refill();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(new RpcException(ErrorCode.NETWORK, "the WebSocket closed"));
        ctx.fireChannelInactive();
    }
}
