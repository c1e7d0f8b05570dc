package io.courier.grpc.internal.client;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.concurrent.Future;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Calls one gRPC server for one reference: each call (unary, or a stream of any kind) one HTTP/2 stream on the endpoint's connection
 * (headers with the path, {@code grpc-timeout} and the attachments as metadata; the request message; the
 * answer read by {@link GrpcCall}). A call waits for its answer until its timeout: the reference's, or the
 * invocation's deadline when that comes first. A call that cannot have reached the server (no
 * connection, the stream not opened or its headers not written) fails "not executed", so the cluster may
 * retry it anywhere.
 */
final class GrpcInvoker implements Invoker {

    private final GrpcEndpoint endpoint;
    private final ClientMethods methods;
    private final LongSupplier timeoutMillis;
    private final int maxMessageBytes;

    GrpcInvoker(GrpcEndpoint endpoint, ClientMethods methods, LongSupplier timeoutMillis, int maxMessageBytes) {
        this.endpoint = endpoint;
        this.methods = methods;
        this.timeoutMillis = timeoutMillis;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public CompletableFuture<RpcResult> invoke(Invocation invocation) {
        ClientMethod method = methods.of(invocation.method());
        if (method.unsupported() != null) {
            return CompletableFuture.failedFuture(
                    new RpcException(ErrorCode.SERIALIZATION, true, method.unsupported(), null));
        }
        // a caller's stream is written message by message once the call's stream is open
        byte[] request = null;
        if (invocation.method().streamParameter() < 0) {
            try {
                request = method.marshaller().request(invocation.arguments());
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(new RpcException(
                        ErrorCode.SERIALIZATION, true, invocation.method().name() + ": " + e.getMessage(), e));
            }
        }
        // a stream lasts as long as the caller's deadline allows; a unary call also its attempt's timeout
        boolean stream = invocation.method().stream();
        long timeoutNanos = stream ? 0 : TimeUnit.MILLISECONDS.toNanos(timeoutMillis.getAsLong());
        boolean timeoutIsDeadline = false;
        if (invocation.hasDeadline()) {
            long remaining = invocation.remainingNanos(System.nanoTime());
            if (remaining <= 0) {
                return CompletableFuture.failedFuture(new RpcException(
                        ErrorCode.DEADLINE_EXCEEDED, true, "deadline passed before " + invocation + " was sent", null));
            }
            if (stream || remaining <= timeoutNanos) {
                timeoutNanos = remaining;
                timeoutIsDeadline = true;
            }
        }
        Call call = new Call(invocation, method, request, timeoutNanos, timeoutIsDeadline);
        CompletableFuture<Channel> channel = endpoint.channel();
        // getNow would throw on a connect that failed already (the backoff): that goes through handle below
        if (channel.isDone() && !channel.isCompletedExceptionally()) {
            return call.send(channel.join());
        }
        return channel.handle((connected, failure) -> failure != null
                        ? CompletableFuture.<RpcResult>failedFuture(notSent(failure, invocation))
                        : call.send(connected))
                .thenCompose(result -> result);
    }

    /** One call on its way: opens its stream and writes its request. */
    private final class Call {
        private final Invocation invocation;
        private final ClientMethod method;
        private final byte[] request;
        private final long timeoutNanos;
        private final boolean timeoutIsDeadline;
        private final CompletableFuture<RpcResult> result = new CompletableFuture<>();
        /** A stream call's answer, handed to the caller once the request (or its headers) is written. */
        private ServerStreamCall stream;

        Call(Invocation invocation, ClientMethod method, byte[] request, long timeoutNanos, boolean timeoutIsDeadline) {
            this.invocation = invocation;
            this.method = method;
            this.request = request;
            this.timeoutNanos = timeoutNanos;
            this.timeoutIsDeadline = timeoutIsDeadline;
        }

        CompletableFuture<RpcResult> send(Channel connection) {
            GrpcEndpoint.Connection state =
                    connection.attr(GrpcEndpoint.CONNECTION).get();
            Answers answers =
                    new Answers("gRPC server " + endpoint.endpoint() + " " + method.path(), timeoutIsDeadline);
            ChannelHandler handler;
            if (invocation.method().stream()) {
                stream = new ServerStreamCall(answers, method.marshaller(), maxMessageBytes, timeoutNanos);
                handler = stream;
            } else {
                handler = new GrpcCall(answers, method.marshaller(), maxMessageBytes, timeoutNanos, result);
            }
            state.opened();
            new Http2StreamChannelBootstrap(connection).handler(handler).open().addListener(opened -> {
                if (!opened.isSuccess()) {
                    state.ended(connection);
                    result.completeExceptionally(notSent(opened.cause(), invocation));
                    return;
                }
                Http2StreamChannel channel = (Http2StreamChannel) opened.getNow();
                channel.closeFuture().addListener(closed -> state.ended(connection));
                if (state.retired()) {
                    // a GOAWAY was read since this connection was leased: a stream sent now may reach the
                    // server after its last GOAWAY, which drops it and may fail the connection, so that
                    // the call could not tell whether it ran. On the event loop, as the GOAWAY is read.
                    result.completeExceptionally(answers.goneAway());
                    channel.close();
                    return;
                }
                write(channel);
            });
            return result;
        }

        private void write(Http2StreamChannel channel) {
            if (request == null) {
                writeCallerStream(channel);
                return;
            }
            channel.write(new DefaultHttp2HeadersFrame(
                            RequestHeaders.of(invocation, method.path(), endpoint.endpoint(), timeoutNanos), false))
                    .addListener((Future<? super Void> written) -> {
                        if (!written.isSuccess()
                                && result.completeExceptionally(notSent(written.cause(), invocation))) {
                            channel.close();
                        }
                    });
            ByteBuf message = channel.alloc().buffer(5 + request.length);
            message.writeByte(0).writeInt(request.length).writeBytes(request);
            channel.writeAndFlush(new DefaultHttp2DataFrame(message, true)).addListener(written -> {
                if (!written.isSuccess()) {
                    result.completeExceptionally(notSent(written.cause(), invocation));
                } else if (stream != null) {
                    // the stream is open: from now on its outcome goes to the subscriber, never to the cluster
                    result.complete(RpcResult.of(stream));
                }
            });
        }

        /** Opens a client or bidirectional stream: the headers, then the caller's messages as it gives them. */
        private void writeCallerStream(Http2StreamChannel channel) {
            channel.writeAndFlush(new DefaultHttp2HeadersFrame(
                            RequestHeaders.of(invocation, method.path(), endpoint.endpoint(), timeoutNanos), false))
                    .addListener((Future<? super Void> written) -> {
                        if (!written.isSuccess()) {
                            if (result.completeExceptionally(notSent(written.cause(), invocation))) {
                                channel.close();
                            }
                            return;
                        }
                        RequestStream requests = new RequestStream(channel, method.marshaller(), stream);
                        stream.requests(requests);
                        result.complete(RpcResult.of(stream));
                        @SuppressWarnings("unchecked")
                        Flow.Publisher<Object> messages = (Flow.Publisher<Object>)
                                invocation.argument(invocation.method().streamParameter());
                        messages.subscribe(requests);
                    });
        }
    }

    private static RpcException notSent(Throwable failure, Invocation invocation) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof RpcException rpc) {
            return rpc.notExecuted() ? rpc : new RpcException(rpc.code(), true, rpc.getMessage(), rpc);
        }
        return new RpcException(
                ErrorCode.CONNECT_FAILED, true, "could not send " + invocation + " to a gRPC server: " + cause, cause);
    }

    @Override
    public boolean available() {
        return endpoint.available();
    }

    @Override
    public String toString() {
        return "GrpcInvoker(" + endpoint.endpoint() + ")";
    }
}
