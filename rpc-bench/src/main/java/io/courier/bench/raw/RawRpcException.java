package io.courier.bench.raw;

/** A call of the raw RPC failed: the server answered with an error, or the connection or the wait failed. */
public final class RawRpcException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RawRpcException(String message) {
        super(message, null, false, false);
    }
}
