package io.courier.transport.internal.stream;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import java.util.concurrent.CompletionException;

/** What the other side of a stream is told of a failure on this side. */
public final class StreamFailures {

    private StreamFailures() {}

    /** An {@link RpcException} as it is; anything else as {@code UNKNOWN} with its class and message. */
    static RpcException of(Throwable thrown) {
        Throwable cause =
                thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        if (cause instanceof RpcException rpc) {
            return rpc;
        }
        return new RpcException(
                ErrorCode.UNKNOWN,
                false,
                cause.getClass().getName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                null);
    }
}
