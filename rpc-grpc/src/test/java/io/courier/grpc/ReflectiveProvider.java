package io.courier.grpc;

import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.RpcResult;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** The provider side of a service for these tests: calls the implementation's method, counts the calls. */
final class ReflectiveProvider implements Invoker {

    final AtomicInteger executed = new AtomicInteger();
    private final Object implementation;

    ReflectiveProvider(Object implementation) {
        this.implementation = implementation;
    }

    @Override
    public CompletableFuture<RpcResult> invoke(Invocation invocation) {
        executed.incrementAndGet();
        Object value;
        try {
            value = invocation.method().method().invoke(implementation, invocation.arguments());
        } catch (InvocationTargetException e) {
            return CompletableFuture.completedFuture(RpcResult.ofException(e.getCause()));
        } catch (IllegalAccessException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (value instanceof CompletableFuture<?> future) {
            return future.handle((v, failure) -> failure == null ? RpcResult.of(v) : RpcResult.ofException(failure));
        }
        return CompletableFuture.completedFuture(RpcResult.of(value));
    }
}
