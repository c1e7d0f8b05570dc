package io.courier.api;

/**
 * What trying a failed call again can achieve, judged by the failure's cause alone ({@link
 * ErrorCode#retryRule()}); the one place where a cause is classified for retrying. Whether a retry is
 * also safe (the call did not run, or the method is {@link Idempotent}) and allowed (retries left,
 * budget) is decided by the cluster on top of this rule.
 */
public enum RetryRule {
    /** A transient failure: another attempt, on another instance where there is one, may succeed. */
    ANY_INSTANCE,
    /**
     * A deterministic refusal by the instance that answered (an unknown service or method, a malformed
     * request): that instance refuses the same request again, but another may differ, e.g. while a
     * rollout is in progress. At most one more attempt, and only on an instance not tried yet.
     */
    ONE_OTHER_INSTANCE,
    /**
     * Every instance would fail the same way (payload too large, forbidden, a value that cannot be
     * serialized) or the caller's time is spent: never retried.
     */
    NEVER
}
