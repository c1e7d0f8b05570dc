package io.courier.thrift.internal;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.transport.CallCallback;
import io.courier.transport.PortConnection;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import org.apache.thrift.TApplicationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one Thrift connection's calls in order, one two-way call at a time, as stock Thrift servers do (a
 * caller reads its answers in the order it sent its calls): a frame {@link ThriftRequests} refuses is
 * answered with Thrift's own exception at once, one it accepts runs on Courier's provider path ({@link
 * PortConnection#submit}), which refuses it when the executor is full or the server is draining. A oneway
 * call is submitted and not waited for. On the server's graceful close the connection answers the call it
 * runs and closes.
 */
public final class ThriftCallHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ThriftCallHandler.class);

    /** The frames a caller may send ahead of its answers before the connection is closed. */
    static final int MAX_PIPELINED = 16;

    private final PortConnection connection;
    private final ThriftRequests requests;
    private final Queue<ThriftFrame> waiting = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private boolean busy;
    private boolean goingAway;
    /** A refusal closes the connection: what arrives after it is dropped. */
    private boolean closing;

    public ThriftCallHandler(PortConnection connection, ThriftServices services, int maxDepth) {
        this.connection = connection;
        this.requests = new ThriftRequests(services, maxDepth);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Starts the graceful close: the connection closes once its call in flight has answered. On the event loop. */
    public void goAway() {
        goingAway = true;
        if (!busy) {
            connection.closeWhenSent();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ThriftFrame frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (closing) {
            return;
        }
        if (busy) {
            if (waiting.size() >= MAX_PIPELINED) {
                log.debug(
                        "Thrift peer {} sent over {} calls ahead of its answers; closing",
                        ctx.channel().remoteAddress(),
                        MAX_PIPELINED);
                ctx.close();
                return;
            }
            waiting.add(frame);
            return;
        }
        serve(frame);
    }

    private void serve(ThriftFrame frame) {
        ThriftRequests.Call call;
        try {
            call = requests.accept(connection, frame);
        } catch (ThriftRequests.Refusal refusal) {
            refuse(refusal);
            return;
        }
        boolean answered = call.answered();
        busy = answered;
        connection.submit(call.service, call.method.method(), call::invocation, new CallCallback() {
            @Override
            public void onResult(RpcResult result) {
                if (answered) {
                    answer(ThriftAnswers.result(ctx.alloc(), call.wire, call.method, call.message.seqid, result));
                }
            }

            @Override
            public void onFailure(RpcException failure) {
                if (!answered) {
                    log.debug("oneway Thrift call {} failed: {}", call.method.name(), failure.toString());
                    return;
                }
                ByteBuf answer = failure.code() == ErrorCode.BAD_REQUEST && failure.notExecuted()
                        ? ThriftAnswers.application(
                                ctx.alloc(),
                                call.wire,
                                call.method.name(),
                                call.message.seqid,
                                TApplicationException.PROTOCOL_ERROR,
                                failure.getMessage())
                        : ThriftAnswers.failure(ctx.alloc(), call.wire, call.method, call.message.seqid, failure);
                answer(answer);
            }
        });
        if (!answered) {
            next();
        }
    }

    private void refuse(ThriftRequests.Refusal refusal) {
        boolean close = refusal.type == TApplicationException.PROTOCOL_ERROR
                || refusal.type == TApplicationException.INVALID_PROTOCOL;
        log.debug("Thrift message from {} refused: {}", ctx.channel().remoteAddress(), refusal.getMessage());
        if (refusal.answer && refusal.wire != null) {
            connection.send(ThriftAnswers.application(
                    ctx.alloc(), refusal.wire, refusal.name, refusal.seqid, refusal.type, refusal.getMessage()));
        }
        if (close) {
            waiting.clear();
            ThriftFrameDecoder frames = ctx.pipeline().get(ThriftFrameDecoder.class);
            if (frames != null) {
                frames.stop();
            }
            closing = true;
            connection.closeWhenSent();
            return;
        }
        next();
    }

    /** Sends the answer of the call in flight (from any thread), then serves the next frame on the event loop. */
    private void answer(ByteBuf answer) {
        connection.send(answer);
        try {
            ctx.executor().execute(() -> {
                busy = false;
                next();
            });
        } catch (RejectedExecutionException e) {
            log.debug(
                    "Thrift connection {} closed with its event loop",
                    ctx.channel().remoteAddress());
        }
    }

    private void next() {
        ThriftFrame frame = waiting.poll();
        if (frame != null) {
            serve(frame);
        } else if (goingAway) {
            connection.closeWhenSent();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        waiting.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("Thrift connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
