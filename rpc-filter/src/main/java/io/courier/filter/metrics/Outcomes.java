package io.courier.filter.metrics;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.filter.limit.LimitExceededException;

/** How a call's outcome is named in metrics: its error code, and the reason if it was refused. */
final class Outcomes {

    /** The {@code code} tag of a business exception thrown by the implementation. */
    static final String BUSINESS = "BUSINESS";

    /** Every rejection reason, in the order of {@link #reasonIndex}. */
    static final String[] REASONS = {
        LimitExceededException.RATE,
        LimitExceededException.CONCURRENCY,
        LimitExceededException.ADAPTIVE,
        "circuit-open",
        "forbidden",
        "deadline-exceeded",
        "server-busy",
        "going-away"
    };

    /** Reasons below this index are limits the operator set (rate, concurrency, adaptive). */
    private static final int LIMITS = 3;

    private Outcomes() {}

    /**
     * Whether a refusal is a limit the operator set doing its job: such a call is refused by design,
     * so it counts as a rejection and never as an error, and dashboards do not paint it red.
     */
    static boolean byLimit(int reasonIndex) {
        return reasonIndex >= 0 && reasonIndex < LIMITS;
    }

    /** The index of an error code, {@link ErrorCode#UNKNOWN} for failures that are not {@link RpcException}s. */
    static ErrorCode code(Throwable failure) {
        return failure instanceof RpcException rpc ? rpc.code() : ErrorCode.UNKNOWN;
    }

    /** The index in {@link #REASONS} of why the call was refused, or -1 if it was not a refusal. */
    static int reasonIndex(Throwable failure) {
        if (failure instanceof LimitExceededException limit) {
            return switch (limit.reason()) {
                case LimitExceededException.CONCURRENCY -> 1;
                case LimitExceededException.ADAPTIVE -> 2;
                default -> 0;
            };
        }
        if (!(failure instanceof RpcException rpc)) {
            return -1;
        }
        return switch (rpc.code()) {
            case RATE_LIMITED -> 0;
            case CIRCUIT_OPEN -> 3;
            case FORBIDDEN -> 4;
            case DEADLINE_EXCEEDED -> 5;
            case SERVER_BUSY -> 6;
            case GOING_AWAY -> 7;
            default -> -1;
        };
    }
}
