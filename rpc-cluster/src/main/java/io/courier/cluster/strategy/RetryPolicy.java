package io.courier.cluster.strategy;

import io.courier.api.ErrorCode;
import io.courier.api.MethodDescriptor;
import io.courier.api.RetryRule;
import io.courier.api.RpcException;

/**
 * Whether a failed attempt may be tried again, and where: the cause's {@link ErrorCode#retryRule()}
 * (the one classification of causes) combined with whether a retry could run the call twice.
 *
 * <ul>
 *   <li>{@link RetryRule#NEVER} (forbidden, deadline exceeded, serialization, payload too large):
 *       never retried.
 *   <li>{@link RetryRule#ONE_OTHER_INSTANCE} (bad request: an unknown service or method, a malformed
 *       request): never on the instance that refused it; at most once on an instance not tried yet.
 *   <li>Otherwise a failure that proves the call did not run ({@link RpcException#notExecuted()}:
 *       connect failure, server busy, going away, rate limited, circuit open, ...) may be retried
 *       for every method, and one after which the call may have run (timeout, connection lost in
 *       flight, provider error, unknown) only for an {@link MethodDescriptor#idempotent()} method.
 * </ul>
 */
final class RetryPolicy {

    enum Verdict {
        /** Safe and useful to try again on another instance. */
        RETRY("retryable"),
        /** Refused by that instance for good; one attempt on an instance not tried yet may differ. */
        ELSEWHERE_ONCE("not retried on the instance that refused it; at most one instance not tried yet is tried"),
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
        switch (failure.code().retryRule()) {
            case NEVER:
                return Verdict.PERMANENT;
            case ONE_OTHER_INSTANCE:
                return failure.notExecuted() ? Verdict.ELSEWHERE_ONCE : Verdict.PERMANENT;
            default:
                break;
        }
        if (failure.notExecuted() || method.idempotent()) {
            return Verdict.RETRY;
        }
        return Verdict.MAY_HAVE_EXECUTED;
    }
}
