package io.courier.proxy.internal;

import io.courier.api.ErrorCode;
import io.courier.api.MethodDescriptor;
import io.courier.api.RemoteException;
import io.courier.api.RpcException;
import io.courier.api.ServiceKey;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The exception a proxy method throws (or fails its future with) for a call that went wrong.
 *
 * <ul>
 *   <li>A business exception (an {@code RpcResult} holding one) is thrown as it is when the method
 *       may throw it: unchecked, or assignable to a declared exception type. An undeclared checked
 *       exception cannot be thrown from the method, so it becomes a {@link RemoteException} naming
 *       its class, with its message and stack, and the original as its cause.
 *   <li>A failed invoker future: an {@link RpcException} is thrown as it is, after unwrapping
 *       {@link CompletionException} and {@link ExecutionException}; any other failure is wrapped in
 *       an {@link RpcException} coded {@link ErrorCode#UNKNOWN}.
 * </ul>
 */
final class CallFailures {

    private CallFailures() {}

    static Throwable business(Throwable exception, Class<?>[] declared) {
        if (exception instanceof RuntimeException || exception instanceof Error) {
            return exception;
        }
        for (Class<?> type : declared) {
            if (type.isInstance(exception)) {
                return exception;
            }
        }
        RemoteException remote =
                new RemoteException(exception.getClass().getName(), exception.getMessage(), exception.getStackTrace());
        remote.initCause(exception);
        return remote;
    }

    static RpcException framework(ServiceKey serviceKey, MethodDescriptor method, Throwable failure) {
        Throwable cause = RpcException.unwrap(failure);
        if (cause instanceof RpcException rpc) {
            return rpc;
        }
        String call = method.descriptor() + " of " + serviceKey;
        if (cause instanceof CancellationException) {
            return new RpcException(ErrorCode.UNKNOWN, "call " + call + " was cancelled", cause);
        }
        return new RpcException(
                ErrorCode.UNKNOWN,
                "call " + call + " failed: " + cause.getClass().getName(),
                cause);
    }

    static RpcException noResult(ServiceKey serviceKey, MethodDescriptor method) {
        return new RpcException(
                ErrorCode.UNKNOWN,
                "the invoker completed " + method.descriptor() + " of " + serviceKey + " without an RpcResult");
    }
}
