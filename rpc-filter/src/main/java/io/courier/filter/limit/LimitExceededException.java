package io.courier.filter.limit;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;

/**
 * A limit of this process refused a call before it ran: {@link ErrorCode#RATE_LIMITED}, not
 * executed. {@link #reason()} tells which limit, for metrics and logs; on the wire the refusal
 * travels as a plain {@link RpcException} with the same code and message.
 *
 * <p>The exception has no stack trace: it would only show the filter, and refusals are most
 * frequent exactly when the process is overloaded.
 */
public final class LimitExceededException extends RpcException {

    private static final long serialVersionUID = 1L;

    /** A token bucket was empty. */
    public static final String RATE = "rate-limited";
    /** A fixed concurrency limit was reached. */
    public static final String CONCURRENCY = "concurrency-limited";
    /** The adaptive concurrency limit was reached. */
    public static final String ADAPTIVE = "adaptive-limited";

    private final String reason;

    public LimitExceededException(String reason, String message) {
        super(ErrorCode.RATE_LIMITED, true, message, null);
        this.reason = reason;
    }

    /** {@link #RATE}, {@link #CONCURRENCY} or {@link #ADAPTIVE}. */
    public String reason() {
        return reason;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
