package io.courier.cluster.internal;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;

/**
 * An open circuit refused a call before it was sent. Without a stack trace: it would only show the
 * breaker, and an open circuit may refuse thousands of calls a second.
 */
final class CircuitOpenException extends RpcException {

    private static final long serialVersionUID = 1L;

    CircuitOpenException(String message) {
        super(ErrorCode.CIRCUIT_OPEN, true, message, null);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
