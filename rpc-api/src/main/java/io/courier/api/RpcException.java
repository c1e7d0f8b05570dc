package io.courier.api;

import java.util.Objects;

/**
 * A call failed in the framework rather than in the implementation. The {@link #code()} says why;
 * {@link #notExecuted()} says whether the call certainly did not run on a provider, which is what
 * makes a retry safe for a method that is not {@link Idempotent}.
 */
public class RpcException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final boolean notExecuted;

    public RpcException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public RpcException(ErrorCode code, String message, Throwable cause) {
        this(code, code.notExecutedByDefault(), message, cause);
    }

    /** With an explicit execution state, e.g. a {@link ErrorCode#NETWORK} failure before the write. */
    public RpcException(ErrorCode code, boolean notExecuted, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.notExecuted = notExecuted;
    }

    public ErrorCode code() {
        return code;
    }

    /** Whether the call certainly did not run on any provider, so that retrying cannot run it twice. */
    public boolean notExecuted() {
        return notExecuted;
    }

    @Override
    public String toString() {
        return getClass().getName() + " [" + code + (notExecuted ? ", not executed" : "") + "]: " + getMessage();
    }
}
