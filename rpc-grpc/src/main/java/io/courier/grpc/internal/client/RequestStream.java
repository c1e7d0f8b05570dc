package io.courier.grpc.internal.client;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import java.util.concurrent.Flow;

/**
 * The caller's messages of a client or bidirectional stream, written to the call's HTTP/2 stream: the
 * caller's publisher is asked for one message at a time, the next once the previous one is written, so
 * HTTP/2's flow control (the server's window) is the back-pressure. Its completion half-closes the stream;
 * its error resets it and ends the call with that error. {@link #cancel()} stops asking, when the answer
 * has ended. Its callbacks may come on any thread; writes go through the stream's channel.
 */
final class RequestStream implements Flow.Subscriber<Object> {

    private final Channel stream;
    private final MethodMarshaller marshaller;
    private final StreamAnswer answer;
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;

    RequestStream(Channel stream, MethodMarshaller marshaller, StreamAnswer answer) {
        this.stream = stream;
        this.marshaller = marshaller;
        this.answer = answer;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (cancelled) {
            subscription.cancel();
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onNext(Object message) {
        byte[] bytes;
        try {
            bytes = marshaller.request(new Object[] {message});
        } catch (RuntimeException e) {
            abort(new RpcException(ErrorCode.SERIALIZATION, false, "a stream message: " + e.getMessage(), e));
            return;
        }
        ByteBuf frame = stream.alloc().buffer(5 + bytes.length);
        frame.writeByte(0).writeInt(bytes.length).writeBytes(bytes);
        stream.writeAndFlush(new DefaultHttp2DataFrame(frame, false)).addListener(written -> {
            Flow.Subscription asked = subscription;
            if (written.isSuccess() && !cancelled && asked != null) {
                asked.request(1);
            }
        });
    }

    @Override
    public void onError(Throwable failure) {
        abort(new RpcException(ErrorCode.UNKNOWN, false, "the caller's stream failed: " + failure, failure));
    }

    @Override
    public void onComplete() {
        if (!cancelled) {
            stream.writeAndFlush(new DefaultHttp2DataFrame(true));
        }
    }

    /** The answer ended: no more messages are asked for. */
    void cancel() {
        cancelled = true;
        Flow.Subscription asked = subscription;
        if (asked != null) {
            asked.cancel();
        }
    }

    /** Ends the call with {@code failure}: the answer resets the stream. */
    private void abort(RpcException failure) {
        cancel();
        stream.eventLoop().execute(() -> answer.fail(failure));
    }
}
