package io.courier.proxy.internal;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.internal.BrokenContract;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The provider end of a call: checks the invocation, runs it through a {@link Dispatch} on the
 * caller's thread, and turns what the implementation did into an {@link RpcResult}. A returned
 * value becomes {@link RpcResult#of}, a thrown exception {@link RpcResult#ofException}; an
 * asynchronous method's result future completes when the implementation's future does. A method
 * this service does not have, or arguments that do not fit it, fail the future with an {@link
 * RpcException} coded {@link ErrorCode#BAD_REQUEST}, without running anything. Thread-safe.
 */
public final class DispatchingInvoker implements Invoker {

    private final ServiceDescriptor service;
    private final MethodDescriptor[] methods;
    private final ArgumentCheck[] checks;
    private final Dispatch dispatch;
    private final String description;

    public DispatchingInvoker(ServiceDescriptor service, Dispatch dispatch, Class<?> implementationClass) {
        this.service = service;
        List<MethodDescriptor> list = service.methods();
        this.methods = list.toArray(MethodDescriptor[]::new);
        this.checks = new ArgumentCheck[methods.length];
        for (int i = 0; i < methods.length; i++) {
            checks[i] = new ArgumentCheck(methods[i]);
        }
        this.dispatch = dispatch;
        this.description =
                "Dispatcher[" + service.serviceInterface().getName() + " -> " + implementationClass.getName() + "]";
    }

    @Override
    public CompletableFuture<RpcResult> invoke(Invocation invocation) {
        MethodDescriptor method = resolve(invocation.method());
        if (method == null) {
            return CompletableFuture.failedFuture(new RpcException(
                    ErrorCode.BAD_REQUEST,
                    "unknown method " + invocation.method().descriptor() + " of "
                            + service.serviceInterface().getName()));
        }
        RpcException rejection = checks[method.index()].rejection(invocation);
        if (rejection != null) {
            return CompletableFuture.failedFuture(rejection);
        }
        Object value;
        try {
            value = dispatch.call(method.index(), invocation);
        } catch (Throwable thrown) {
            return CompletableFuture.completedFuture(RpcResult.ofException(thrown));
        }
        if (!method.async()) {
            return CompletableFuture.completedFuture(RpcResult.of(value));
        }
        return value == null
                ? BrokenContract.noFuture(
                        method.descriptor(), service.serviceInterface().getName())
                : ((CompletableFuture<?>) value).handle(DispatchingInvoker::toResult);
    }

    /**
     * This service's own descriptor for the requested method. The transport resolves requests
     * against the provider's descriptor, so the identity check is the common case; an equal
     * descriptor from another {@link ServiceDescriptor} of the interface is accepted too.
     */
    private MethodDescriptor resolve(MethodDescriptor requested) {
        int index = requested.index();
        if (index >= 0 && index < methods.length) {
            MethodDescriptor own = methods[index];
            if (own == requested || own.descriptor().equals(requested.descriptor())) {
                return own;
            }
        }
        return service.find(requested.descriptor());
    }

    private static RpcResult toResult(Object value, Throwable failure) {
        if (failure == null) {
            return RpcResult.of(value);
        }
        // A future built with supplyAsync or thenApply wraps what the code threw.
        return RpcResult.ofException(RpcException.unwrap(failure));
    }

    @Override
    public String toString() {
        return description;
    }
}
