package io.courier.proxy.internal;

import io.courier.api.ErrorCode;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceKey;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.BiConsumer;

/**
 * The future a client stream method returns ({@code CompletableFuture<R> m(Flow.Publisher<T>)}):
 * completes with the one message the provider answers the stream with, or exceptionally with the
 * stream's failure. The call starts at once, as an asynchronous call does; the caller's publisher is
 * subscribed by the transport once the stream is open, and asked for messages as the provider grants
 * credit.
 */
final class ClientStreamCall extends CompletableFuture<Object>
        implements BiConsumer<RpcResult, Throwable>, Flow.Subscriber<Object> {

    private final ServiceKey serviceKey;
    private final MethodDescriptor method;
    private final Class<?>[] declaredExceptions;
    private Object answer;
    private boolean answered;

    ClientStreamCall(ServiceKey serviceKey, MethodDescriptor method, Class<?>[] declaredExceptions) {
        this.serviceKey = serviceKey;
        this.method = method;
        this.declaredExceptions = declaredExceptions;
    }

    /** The stream opened (its publisher is the result's value), or the call failed before it did. */
    @Override
    public void accept(RpcResult result, Throwable failure) {
        if (failure != null) {
            completeExceptionally(CallFailures.framework(serviceKey, method, failure));
        } else if (result.hasException()) {
            completeExceptionally(CallFailures.business(result.exception(), declaredExceptions));
        } else if (result.value() instanceof Flow.Publisher<?> stream) {
            @SuppressWarnings("unchecked")
            Flow.Publisher<Object> answers = (Flow.Publisher<Object>) stream;
            answers.subscribe(this);
        } else {
            completeExceptionally(new RpcException(
                    ErrorCode.PROVIDER_ERROR, "the invoker answered client stream " + method + " with no stream"));
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(1);
    }

    @Override
    public void onNext(Object value) {
        answer = value;
        answered = true;
    }

    @Override
    public void onError(Throwable failure) {
        completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        if (answered) {
            complete(answer);
        } else {
            completeExceptionally(new RpcException(
                    ErrorCode.PROVIDER_ERROR,
                    "client stream " + method + " of " + serviceKey + " ended without an answer"));
        }
    }
}
