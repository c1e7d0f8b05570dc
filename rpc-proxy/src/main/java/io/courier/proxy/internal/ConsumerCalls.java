package io.courier.proxy.internal;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.Invoker;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcContext;
import io.courier.api.RpcException;
import io.courier.api.RpcResult;
import io.courier.api.ServiceDescriptor;
import io.courier.api.ServiceKey;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer end of a call, shared by every proxy of one reference: builds the {@link
 * Invocation} (adding this thread's {@link RpcContext#outgoingAttachments()}), starts it on the
 * {@link Invoker}, and turns the outcome into what the proxy method returns or throws (see {@link
 * CallFailures}). Generated proxies call it with the {@link MethodDescriptor} they hold in a field,
 * so a call looks nothing up. Thread-safe.
 */
public final class ConsumerCalls {

    private static final Logger log = LoggerFactory.getLogger(ConsumerCalls.class);

    private final ServiceKey serviceKey;
    private final Invoker invoker;
    private final MethodDescriptor[] methods;
    /** The declared exception types of each method, by index, for the business-exception check. */
    private final Class<?>[][] declaredExceptions;

    private final String description;

    public ConsumerCalls(ServiceKey serviceKey, ServiceDescriptor service, Invoker invoker) {
        this.serviceKey = serviceKey;
        this.invoker = invoker;
        List<MethodDescriptor> list = service.methods();
        this.methods = list.toArray(MethodDescriptor[]::new);
        this.declaredExceptions = new Class<?>[methods.length][];
        for (MethodDescriptor method : methods) {
            declaredExceptions[method.index()] = method.method().getExceptionTypes();
        }
        this.description = "CourierProxy[" + serviceKey + "]@";
    }

    /** The service's remote methods by index; a generated proxy keeps each one in a field. */
    public MethodDescriptor[] methods() {
        return methods.clone();
    }

    /**
     * Calls {@code method} and waits: returns the result's value, or throws the business exception
     * or an {@link RpcException}.
     *
     * @param arguments the arguments, or {@code null} for none; built for this call alone: the invocation takes it without a copy
     */
    public Object call(MethodDescriptor method, Object[] arguments) throws Throwable {
        RpcResult result = await(method, start(method, arguments));
        if (result.hasException()) {
            throw CallFailures.business(result.exception(), declaredExceptions[method.index()]);
        }
        return result.value();
    }

    /** Calls a {@code void} method: oneway if it is, otherwise as {@link #call}, ignoring the value. */
    public void callVoid(MethodDescriptor method, Object[] arguments) throws Throwable {
        if (method.oneway()) {
            send(method, arguments);
        } else {
            call(method, arguments);
        }
    }

    /**
     * Calls a method returning {@code CompletableFuture} without blocking: the returned future
     * completes with the value, or exceptionally with the business exception or an {@link
     * RpcException}.
     */
    public CompletableFuture<Object> callAsync(MethodDescriptor method, Object[] arguments) {
        if (method.stream()) {
            return callClientStream(method, arguments);
        }
        CompletableFuture<RpcResult> future;
        try {
            future = start(method, arguments);
        } catch (RuntimeException | Error failure) {
            return AsyncCall.failed(serviceKey, method, failure);
        }
        AsyncCall call = new AsyncCall(serviceKey, method);
        future.whenComplete(call);
        return call;
    }

    /**
     * Calls a method returning {@code Flow.Publisher} (a server stream): returns a cold publisher
     * that runs the call, through the whole invoker chain, once per subscriber when it subscribes.
     * The invocation (with this thread's outgoing attachments) is built now. See {@link StreamCall}.
     */
    public Flow.Publisher<Object> callStream(MethodDescriptor method, Object[] arguments) {
        Invocation invocation = Invocation.of(
                serviceKey, method, arguments, RpcContext.current().outgoingAttachments());
        return new StreamCall(this, invocation, declaredExceptions[method.index()]);
    }

    /** A client stream: the answer to the messages of the publisher among {@code arguments}. */
    private CompletableFuture<Object> callClientStream(MethodDescriptor method, Object[] arguments) {
        CompletableFuture<RpcResult> future;
        try {
            future = start(method, arguments);
        } catch (RuntimeException | Error failure) {
            return AsyncCall.failed(serviceKey, method, failure);
        }
        ClientStreamCall call = new ClientStreamCall(serviceKey, method, declaredExceptions[method.index()]);
        future.whenComplete(call);
        return call;
    }

    /** Starts an invocation built earlier (a stream's, when it is subscribed to). */
    CompletableFuture<RpcResult> start(Invocation invocation) {
        MethodDescriptor method = invocation.method();
        CompletableFuture<RpcResult> future;
        try {
            future = invoker.invoke(invocation);
        } catch (RuntimeException failure) {
            // The Invoker contract forbids throwing; a broken invoker still yields an RpcException.
            throw CallFailures.framework(serviceKey, method, failure);
        }
        if (future == null) {
            throw CallFailures.noResult(serviceKey, method);
        }
        return future;
    }

    ServiceKey serviceKey() {
        return serviceKey;
    }

    /** A proxy's {@code toString}: the service key and the proxy's identity. */
    public String describe(Object proxy) {
        return description + Integer.toHexString(System.identityHashCode(proxy));
    }

    /**
     * A oneway call returns once the invoker has taken it. A failure the invoker already knows of
     * (no provider, circuit open, client closed) is thrown; a later one can only be logged.
     */
    private void send(MethodDescriptor method, Object[] arguments) {
        CompletableFuture<RpcResult> future = start(method, arguments);
        if (!future.isDone()) {
            future.whenComplete((result, failure) -> {
                if (failure != null) {
                    log.warn("Oneway call {} of {} failed after it was sent", method, serviceKey, failure);
                }
            });
        } else if (future.isCompletedExceptionally()) {
            try {
                future.join();
            } catch (RuntimeException failure) {
                throw CallFailures.framework(serviceKey, method, failure);
            }
        }
    }

    private CompletableFuture<RpcResult> start(MethodDescriptor method, Object[] arguments) {
        // The proxy built the array for this call alone.
        return start(Invocation.ofOwned(
                serviceKey, method, arguments, RpcContext.current().outgoingAttachments()));
    }

    private RpcResult await(MethodDescriptor method, CompletableFuture<RpcResult> future) {
        RpcResult result;
        try {
            result = future.get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new RpcException(
                    ErrorCode.UNKNOWN,
                    "interrupted while waiting for " + method.descriptor() + " of " + serviceKey,
                    interrupted);
        } catch (ExecutionException | CancellationException failure) {
            throw CallFailures.framework(serviceKey, method, failure);
        }
        if (result == null) {
            throw CallFailures.noResult(serviceKey, method);
        }
        return result;
    }

    @Override
    public String toString() {
        return "ConsumerCalls[" + serviceKey + "]";
    }
}
