package io.courier.transport;

import io.courier.api.RpcException;
import io.courier.api.RpcResult;

/** How a call submitted through {@link PortConnection#submit} ends: exactly one of the two, once. */
public interface CallCallback {

    /**
     * The provider answered: a value, or a business exception ({@link RpcResult#hasException()}).
     * Called on the thread that completed the call.
     */
    void onResult(RpcResult result);

    /**
     * The call failed or was refused: refusals before it ran say {@link RpcException#notExecuted()}
     * (server busy, going away), a request that could not be decoded is {@code BAD_REQUEST}, and any
     * other failure of the provider is classified as for Courier's own calls.
     */
    void onFailure(RpcException failure);
}
