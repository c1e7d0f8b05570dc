package io.courier.dubbo.internal;

import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.serialization.Serializer;
import io.courier.transport.CallCallback;
import io.courier.transport.PortConnection;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one Dubbo connection: answers heartbeats, reads each request into a call and runs it on
 * Courier's provider path ({@link PortConnection#submit}), and writes its answer, two-way requests
 * only. A request that cannot be read, or names what this port does not serve, is answered with an
 * error status and never runs. When the server closes gracefully the consumer is told the provider is
 * read-only (Dubbo's own signal to send it no new calls), and the connection closes once its running
 * calls have answered.
 */
public final class DubboCallHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(DubboCallHandler.class);
    private static final AtomicLong EVENT_IDS = new AtomicLong();

    private final PortConnection connection;
    private final DubboRequestReader reader;
    private final Serializer hessian;
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean goingAway;

    /** @param served whether Dubbo callers may call an exported interface, by name */
    public DubboCallHandler(PortConnection connection, Serializer hessian, Predicate<String> served) {
        this.connection = connection;
        this.hessian = hessian;
        this.reader = new DubboRequestReader(hessian, served);
    }

    /** Starts the graceful close: read-only to the consumer, then closed once the running calls end. */
    public void goAway() {
        goingAway = true;
        Channel channel = connection.channel();
        connection.send(DubboResponses.readOnly(channel.alloc(), EVENT_IDS.incrementAndGet()));
        closeIfDrained();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DubboFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (!frame.request()) {
            // a consumer answers only the provider's two-way requests, and Courier sends none
            log.debug(
                    "Dubbo response frame {} from {} ignored",
                    frame.id(),
                    ctx.channel().remoteAddress());
            return;
        }
        if (frame.event()) {
            if (frame.twoWay()) {
                connection.send(DubboResponses.heartbeat(ctx.alloc(), frame.id()));
            }
            return;
        }
        if (frame.serialization() != DubboFrames.HESSIAN2) {
            answerError(
                    frame,
                    DubboFrames.BAD_REQUEST,
                    "serialization id " + frame.serialization() + " is not served (expected: 2, hessian2)");
            return;
        }
        DubboRequest request;
        try {
            request = reader.read(connection, frame.body());
        } catch (RpcException e) {
            answerError(frame, DubboStatus.of(e.code()), e.getMessage());
            return;
        }
        running.incrementAndGet();
        connection.submit(request.service(), request.method(), request::invocation, new CallCallback() {
            @Override
            public void onResult(RpcResult result) {
                if (frame.twoWay()) {
                    answer(frame, result);
                }
                ended();
            }

            @Override
            public void onFailure(RpcException failure) {
                answerError(frame, DubboStatus.of(failure.code()), failure.getMessage());
                ended();
            }
        });
    }

    private void answer(DubboFrame frame, RpcResult result) {
        Channel channel = connection.channel();
        ByteBuf answer;
        try {
            answer = DubboResponses.answer(channel.alloc(), frame.id(), result, hessian);
        } catch (RuntimeException e) {
            answerError(frame, DubboFrames.SERVICE_ERROR, "the provider could not write its answer: " + e);
            return;
        }
        connection.send(answer);
    }

    private void answerError(DubboFrame frame, byte status, String message) {
        if (!frame.twoWay()) {
            return;
        }
        connection.send(
                DubboResponses.error(connection.channel().alloc(), frame.id(), status, message == null ? "" : message));
    }

    private void ended() {
        running.decrementAndGet();
        closeIfDrained();
    }

    private void closeIfDrained() {
        if (goingAway && running.get() == 0) {
            connection.closeWhenSent(); // after the answers sent so far
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Dubbo connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
