package io.courier.cluster.strategy;

import io.courier.api.ErrorCode;
import io.courier.api.MethodDescriptor;
import io.courier.api.RpcException;

/**
 * Whether a failed attempt may be tried again on another instance.
 *
 * <ul>
 *   <li>A failure that proves the call did not run ({@link RpcException#notExecuted()}: connect
 *       failure, server busy, going away, rate limited, circuit open, ...) may be retried for every
 *       method: retrying cannot run it twice.
 *   <li>A failure after which the call may have run (timeout, connection lost in flight, provider
 *       error, unknown) may be retried only for an {@link MethodDescriptor#idempotent()} method.
 *   <li>A few failures are the same on every instance or say that retrying is pointless, and are
 *       never retried: {@link ErrorCode#FORBIDDEN}, {@link ErrorCode#DEADLINE_EXCEEDED} (the caller's
 *       time is spent), {@link ErrorCode#SERIALIZATION} and {@link ErrorCode#PAYLOAD_TOO_LARGE}.
 * </ul>
 */
final class RetryPolicy {

    enum Verdict {
        /** Safe and useful to try again on another instance. */
        RETRY("retryable"),
        /** The call may have run and the method is not idempotent: retrying could run it twice. */
        MAY_HAVE_EXECUTED("not retried: the call may have executed and the method is not @Idempotent"),
        /** Every instance would fail the same way, or the caller's deadline has passed. */
        PERMANENT("not retried: this failure does not depend on the instance");

        private final String reason;

        Verdict(String reason) {
            this.reason = reason;
        }

        /** Why a call stopped with this verdict, for failure messages. */
        String reason() {
            return reason;
        }
    }

    private RetryPolicy() {}

    static Verdict verdict(RpcException failure, MethodDescriptor method) {
        switch (failure.code()) {
            case FORBIDDEN, DEADLINE_EXCEEDED, SERIALIZATION, PAYLOAD_TOO_LARGE:
                return Verdict.PERMANENT;
            default:
                break;
        }
        if (failure.notExecuted() || method.idempotent()) {
            return Verdict.RETRY;
        }
        return Verdict.MAY_HAVE_EXECUTED;
    }
}
