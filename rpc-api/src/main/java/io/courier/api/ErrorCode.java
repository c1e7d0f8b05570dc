package io.courier.api;

/**
 * Why a call failed in the framework, with a stable numeric {@link #code()} used on the wire and
 * whether, by default, the failure proves that the call did not run on a provider.
 *
 * <p>An {@link RpcException} may override the default: a {@link #NETWORK} failure before the
 * request was written did not execute, one after it may have.
 */
public enum ErrorCode {
    /** No answer within the timeout; the provider may have run the call. */
    TIMEOUT(1, false),
    /** The connection failed while the call was in flight; the provider may have run it. */
    NETWORK(2, false),
    /** No connection could be made to the provider; the call was not sent. */
    CONNECT_FAILED(3, true),
    /** No provider is available for the service (after routing). */
    NO_PROVIDER(4, true),
    /** The provider's executor was full and refused the call without running it. */
    SERVER_BUSY(5, true),
    /** The provider is shutting down and refused the call without running it. */
    GOING_AWAY(6, true),
    /** A rate limit refused the call before it ran. */
    RATE_LIMITED(7, true),
    /** A circuit breaker refused the call before it was sent. */
    CIRCUIT_OPEN(8, true),
    /** Authentication or authorization refused the call before it ran. */
    FORBIDDEN(9, true),
    /** A value could not be serialized or deserialized, or its class is not allowed. */
    SERIALIZATION(10, false),
    /** The request was malformed or named an unknown service or method; it did not run. */
    BAD_REQUEST(11, true),
    /** A frame exceeded the configured maximum size. */
    PAYLOAD_TOO_LARGE(12, false),
    /** The caller's time budget was spent before the provider started the call. */
    DEADLINE_EXCEEDED(13, true),
    /** The provider failed outside the implementation (a framework error on that side). */
    PROVIDER_ERROR(14, false),
    /** The client or the application was closed. */
    CLOSED(15, true),
    /** A failure the framework could not classify. */
    UNKNOWN(99, false);

    private static final ErrorCode[] BY_CODE = new ErrorCode[100];

    static {
        for (ErrorCode value : values()) {
            BY_CODE[value.code] = value;
        }
    }

    private final int code;
    private final boolean notExecuted;

    ErrorCode(int code, boolean notExecuted) {
        this.code = code;
        this.notExecuted = notExecuted;
    }

    /** The stable number carried in a response's status byte. */
    public int code() {
        return code;
    }

    /** Whether this kind of failure, by default, proves that the call did not run. */
    public boolean notExecutedByDefault() {
        return notExecuted;
    }

    /**
     * What retrying a call that failed with this code can achieve: {@link RetryRule#NEVER} for {@link
     * #FORBIDDEN}, {@link #DEADLINE_EXCEEDED}, {@link #SERIALIZATION} and {@link #PAYLOAD_TOO_LARGE};
     * {@link RetryRule#ONE_OTHER_INSTANCE} for {@link #BAD_REQUEST} (an unknown service or method on
     * one instance may be known to another during a rollout); {@link RetryRule#ANY_INSTANCE} for the
     * rest. Retrying code asks this rather than listing codes itself.
     */
    public RetryRule retryRule() {
        return switch (this) {
            case FORBIDDEN, DEADLINE_EXCEEDED, SERIALIZATION, PAYLOAD_TOO_LARGE -> RetryRule.NEVER;
            case BAD_REQUEST -> RetryRule.ONE_OTHER_INSTANCE;
            default -> RetryRule.ANY_INSTANCE;
        };
    }

    /**
     * What a failure with this code says about the endpoint that failed the call (see the table in
     * {@link EndpointHealth}). Ejection, reachability and circuit breakers ask this rather than
     * listing codes themselves.
     */
    public EndpointHealth endpointHealth() {
        return switch (this) {
            case CONNECT_FAILED, NETWORK -> EndpointHealth.LOST;
            case GOING_AWAY -> EndpointHealth.GOING_AWAY;
            case CLOSED -> EndpointHealth.RETIRED;
            case TIMEOUT -> EndpointHealth.SLOW;
            case SERVER_BUSY -> EndpointHealth.BUSY;
            case RATE_LIMITED -> EndpointHealth.THROTTLED;
            case PROVIDER_ERROR, UNKNOWN -> EndpointHealth.FAULTY;
            default -> EndpointHealth.NEUTRAL;
        };
    }

    /** The error with that number, or {@link #UNKNOWN}. */
    public static ErrorCode ofCode(int code) {
        ErrorCode value = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        return value != null ? value : UNKNOWN;
    }
}
