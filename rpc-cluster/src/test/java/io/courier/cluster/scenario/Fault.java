package io.courier.cluster.scenario;

/** How a provider of a {@link ProviderFleet} misbehaves, and what the consumer must then see. */
public enum Fault {
    /** Runs every call and answers. */
    NONE,
    /**
     * Refuses every call without running it, as a provider with a full executor does: the consumer
     * sees {@code SERVER_BUSY}, not executed.
     */
    REFUSE,
    /**
     * Runs every call but never answers in time: the consumer sees {@code TIMEOUT}, which may have
     * executed (it did).
     */
    EXECUTE_THEN_TIME_OUT,
    /** Accepts calls and holds them unanswered (a stuck provider) until killed or closed. */
    HANG
}
