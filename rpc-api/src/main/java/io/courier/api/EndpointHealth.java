package io.courier.api;

/**
 * What a failed call says about the provider endpoint that failed it, judged by the failure's cause
 * alone ({@link ErrorCode#endpointHealth()}): the one place where a cause is classified for the
 * endpoint's health. Ejection, reachability, circuit breakers and the rerouting of calls away from a
 * leaving instance ask it rather than listing codes themselves.
 *
 * <pre>
 *                 codes                        ejects  unreachable  breaker  refusal  slow  leaving
 * LOST            CONNECT_FAILED, NETWORK        yes       yes        yes
 * GOING_AWAY      GOING_AWAY                     yes       yes        yes                     yes
 * RETIRED         CLOSED                         yes                                          yes
 * SLOW            TIMEOUT                                             yes              yes
 * BUSY            SERVER_BUSY                                         yes      yes
 * THROTTLED       RATE_LIMITED                                                 yes
 * FAULTY          PROVIDER_ERROR, UNKNOWN                             yes
 * NEUTRAL         the rest (refusals by policy, the caller's own errors)
 * </pre>
 */
public enum EndpointHealth {
    /** The connection could not be made or was lost: the endpoint is unreachable. */
    LOST(true, true, true, false, false, false),
    /** The endpoint announced that it is shutting down. */
    GOING_AWAY(true, true, true, false, false, true),
    /** This consumer closed its invoker of the endpoint (the endpoint left the directory). */
    RETIRED(true, false, false, false, false, true),
    /** No answer in time: the endpoint is at least this slow. */
    SLOW(false, false, true, false, true, false),
    /** The endpoint's executor was full. */
    BUSY(false, false, true, true, false, false),
    /** A rate limit refused the call; fast, so it must not make the endpoint look idle. */
    THROTTLED(false, false, false, true, false, false),
    /** The endpoint failed outside the implementation, or the failure could not be classified. */
    FAULTY(false, false, true, false, false, false),
    /** Says nothing about the endpoint: a refusal by policy or a fault of the call itself. */
    NEUTRAL(false, false, false, false, false, false);

    private final boolean ejects;
    private final boolean unreachable;
    private final boolean breakerFailure;
    private final boolean refusal;
    private final boolean slow;
    private final boolean leaving;

    EndpointHealth(
            boolean ejects,
            boolean unreachable,
            boolean breakerFailure,
            boolean refusal,
            boolean slow,
            boolean leaving) {
        this.ejects = ejects;
        this.unreachable = unreachable;
        this.breakerFailure = breakerFailure;
        this.refusal = refusal;
        this.slow = slow;
        this.leaving = leaving;
    }

    /** Whether one such failure takes the endpoint out of load balancing for a while (passive health). */
    public boolean ejects() {
        return ejects;
    }

    /** Whether the failure says the endpoint cannot be reached (empty-push protection lets it go). */
    public boolean unreachable() {
        return unreachable;
    }

    /** Whether a circuit breaker counts the failure against the endpoint. */
    public boolean breakerFailure() {
        return breakerFailure;
    }

    /** Whether the endpoint refused the call fast; enough consecutive refusals eject it. */
    public boolean refusal() {
        return refusal;
    }

    /** Whether the time the call took is a latency sample of the endpoint (a timeout). */
    public boolean slow() {
        return slow;
    }

    /**
     * Whether the endpoint is leaving: a call it refused without running it goes to another instance
     * once without counting as a retry.
     */
    public boolean leaving() {
        return leaving;
    }

    /** What {@code failure} (a call's failure, possibly wrapped) says about the endpoint. */
    public static EndpointHealth of(Throwable failure) {
        return RpcException.from(failure).code().endpointHealth();
    }
}
