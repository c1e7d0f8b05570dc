package io.courier.cluster.internal;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns what a future failed with into the {@link RpcException} the cluster layer reasons about. */
public final class Failures {

    private Failures() {}

    /** The failure without {@link CompletionException}/{@link ExecutionException} wrappers; may be null. */
    public static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * {@code failure} as an {@link RpcException}. Anything else broke the {@code Invoker} contract;
     * it becomes {@link ErrorCode#UNKNOWN}, which may have executed.
     */
    public static RpcException asRpcException(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof RpcException rpc) {
            return rpc;
        }
        return new RpcException(ErrorCode.UNKNOWN, String.valueOf(cause), cause);
    }
}
