package io.courier.proxy.internal;

import io.courier.api.Invocation;
import io.courier.api.RpcResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * What a proxy's server-stream method returns: a cold {@link Flow.Publisher}. Each subscriber starts
 * the call anew through the invoker chain (filters, cluster, transport), which answers with the
 * stream's own publisher once one instance was chosen and the stream opened; the subscriber is then
 * handed to it. A failure before that (no provider, not connected, refused by a filter) reaches the
 * subscriber as {@code onError} with the {@link io.courier.api.RpcException}; the cluster may have
 * tried other instances for it, since nothing of the stream was sent. Thread-safe.
 */
final class StreamCall implements Flow.Publisher<Object> {

    private final ConsumerCalls calls;
    private final Invocation invocation;
    private final Class<?>[] declaredExceptions;

    StreamCall(ConsumerCalls calls, Invocation invocation, Class<?>[] declaredExceptions) {
        this.calls = calls;
        this.invocation = invocation;
        this.declaredExceptions = declaredExceptions;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Object> subscriber) {
        CompletableFuture<RpcResult> started;
        try {
            started = calls.start(invocation);
        } catch (RuntimeException failure) {
            refuse(subscriber, failure);
            return;
        }
        started.whenComplete((result, failure) -> {
            if (failure != null) {
                refuse(subscriber, CallFailures.framework(calls.serviceKey(), invocation.method(), failure));
            } else if (result.hasException()) {
                refuse(subscriber, CallFailures.business(result.exception(), declaredExceptions));
            } else if (result.value() instanceof Flow.Publisher<?> stream) {
                @SuppressWarnings("unchecked")
                Flow.Publisher<Object> messages = (Flow.Publisher<Object>) stream;
                messages.subscribe(subscriber);
            } else {
                refuse(
                        subscriber,
                        CallFailures.framework(
                                calls.serviceKey(),
                                invocation.method(),
                                new IllegalStateException("the invoker answered a stream with no Flow.Publisher")));
            }
        });
    }

    private static void refuse(Flow.Subscriber<? super Object> subscriber, Throwable failure) {
        subscriber.onSubscribe(Refused.INSTANCE);
        subscriber.onError(failure);
    }

    /** The subscription of a subscriber whose call failed before its stream opened. */
    private enum Refused implements Flow.Subscription {
        INSTANCE;

        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
    }
}
