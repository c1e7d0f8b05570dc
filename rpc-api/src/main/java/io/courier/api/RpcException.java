package io.courier.api;

import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

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

    /**
     * {@code failure} as the {@link RpcException} it stands for: unwrapped from {@link
     * CompletionException} and {@link ExecutionException}, returned as it is when that is an
     * {@code RpcException}, and otherwise wrapped in one coded {@link ErrorCode#UNKNOWN} (which may
     * have executed), since a future of an {@link Invoker} fails with nothing else unless an
     * implementation broke the contract. The one place where call failures are unwrapped.
     *
     * @throws NullPointerException if {@code failure} is null
     */
    public static RpcException from(Throwable failure) {
        Throwable cause = unwrap(Objects.requireNonNull(failure, "failure"));
        if (cause instanceof RpcException rpc) {
            return rpc;
        }
        String message = cause.getMessage();
        return new RpcException(
                ErrorCode.UNKNOWN, cause.getClass().getName() + (message == null ? "" : ": " + message), cause);
    }

    /**
     * The failure inside {@link CompletionException} and {@link ExecutionException} wrappers (at most
     * eight levels, since a cause chain may be cyclic); {@code null} for {@code null}. For code that
     * must see a failure other than an {@code RpcException} as it is; the rest use {@link #from}.
     */
    public static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        for (int i = 0; i < 8; i++) {
            boolean wrapper = current instanceof CompletionException || current instanceof ExecutionException;
            if (!wrapper || current.getCause() == null) {
                break;
            }
            current = current.getCause();
        }
        return current;
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
