package io.courier.proxy.internal;

import io.courier.api.Invocation;

/**
 * Calls one method of a service implementation, chosen by its {@link
 * io.courier.api.MethodDescriptor#index()}. Generated dispatchers implement it with a {@code switch}
 * and direct interface calls; the jdk factory with bound method handles.
 *
 * <p>{@link DispatchingInvoker} has already checked the index and the argument types, so an
 * implementation only unboxes, casts and calls. Whatever the service method throws propagates
 * unchanged. Implementations are thread-safe when the service implementation is.
 */
public interface Dispatch {

    /**
     * Calls method {@code index} with the invocation's arguments and returns its result: boxed for
     * a primitive, {@code null} for {@code void}, the returned future for an asynchronous method.
     */
    Object call(int index, Invocation invocation) throws Throwable;
}
