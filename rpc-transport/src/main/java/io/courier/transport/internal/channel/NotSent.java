package io.courier.transport.internal.channel;

import io.courier.api.ErrorCode;
import io.courier.api.Invocation;
import io.courier.api.RpcException;

/** The failure of a call whose request never reached the socket, for calls and streams alike. */
public final class NotSent {

    private NotSent() {}

    /**
     * An {@link RpcException} as it is when it already says "not executed", anything else as one that
     * does.
     */
    public static RpcException of(Throwable failure, Invocation invocation) {
        if (failure instanceof RpcException rpc) {
            return rpc.notExecuted() ? rpc : new RpcException(rpc.code(), true, rpc.getMessage(), rpc);
        }
        return new RpcException(
                ErrorCode.CONNECT_FAILED,
                true,
                "could not send " + invocation + ": " + failure.getClass().getName()
                        + (failure.getMessage() == null ? "" : ": " + failure.getMessage()),
                failure);
    }
}
