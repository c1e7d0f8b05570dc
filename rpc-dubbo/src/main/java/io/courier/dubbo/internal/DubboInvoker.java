package io.courier.dubbo.internal;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Calls one Dubbo provider for one reference: each call written as Dubbo's consumer writes it, over
 * the endpoint's one connection, waiting for its answer until its timeout (the reference's, or the
 * call's deadline when that comes first, which also travels to the provider). A call whose request
 * cannot have reached the provider fails "not executed", so the cluster may retry it anywhere.
 */
final class DubboInvoker implements Invoker {

    private final DubboEndpoint endpoint;
    private final DeserializationPolicy policy;
    private final LongSupplier timeoutMillis;
    private final Serializer hessian;
    private final AtomicLong ids;

    DubboInvoker(
            DubboEndpoint endpoint,
            DeserializationPolicy policy,
            LongSupplier timeoutMillis,
            Serializer hessian,
            AtomicLong ids) {
        this.endpoint = endpoint;
        this.policy = policy;
        this.timeoutMillis = timeoutMillis;
        this.hessian = hessian;
        this.ids = ids;
    }

    @Override
    public CompletableFuture<RpcResult> invoke(Invocation invocation) {
        long timeout = timeoutMillis.getAsLong();
        if (invocation.hasDeadline()) {
            long remaining = TimeUnit.NANOSECONDS.toMillis(invocation.remainingNanos(System.nanoTime()));
            if (remaining <= 0) {
                return CompletableFuture.failedFuture(new RpcException(
                        ErrorCode.DEADLINE_EXCEEDED, true, "deadline passed before " + invocation + " was sent", null));
            }
            timeout = Math.min(timeout, remaining);
        }
        long callTimeout = timeout;
        CompletableFuture<Channel> channel = endpoint.channel();
        Channel ready = channel.getNow(null);
        if (ready != null) {
            return send(ready, invocation, callTimeout);
        }
        return channel.handle((connected, failure) -> failure != null
                        ? CompletableFuture.<RpcResult>failedFuture(notSent(failure, invocation))
                        : send(connected, invocation, callTimeout))
                .thenCompose(result -> result);
    }

    private CompletableFuture<RpcResult> send(Channel channel, Invocation invocation, long timeout) {
        long id = ids.incrementAndGet();
        ByteBuf frame;
        try {
            frame = DubboRequests.call(channel.alloc(), id, invocation, timeout, hessian);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new RpcException(
                    ErrorCode.SERIALIZATION,
                    true,
                    "could not write " + invocation + " for Dubbo: " + e.getMessage(),
                    e));
        }
        CompletableFuture<RpcResult> result = new CompletableFuture<>();
        if (invocation.method().oneway()) {
            channel.writeAndFlush(frame).addListener(written -> {
                if (written.isSuccess()) {
                    result.complete(RpcResult.of(null));
                } else {
                    result.completeExceptionally(notSent(written.cause(), invocation));
                }
            });
            return result;
        }
        endpoint.await(id, new DubboEndpoint.Pending(invocation.method(), policy, result), timeout);
        channel.writeAndFlush(frame).addListener(written -> {
            if (!written.isSuccess() && endpoint.take(id) != null) {
                result.completeExceptionally(notSent(written.cause(), invocation));
            }
        });
        return result;
    }

    private static RpcException notSent(Throwable failure, Invocation invocation) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        if (cause instanceof RpcException rpc) {
            return rpc.notExecuted() ? rpc : new RpcException(rpc.code(), true, rpc.getMessage(), rpc);
        }
        return new RpcException(
                ErrorCode.CONNECT_FAILED,
                true,
                "could not send " + invocation + " to a Dubbo provider: " + cause,
                cause);
    }

    @Override
    public boolean available() {
        return endpoint.available();
    }

    @Override
    public String toString() {
        return "DubboInvoker(" + endpoint.endpoint() + ")";
    }
}
