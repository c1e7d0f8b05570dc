package io.courier.api.coordination;

/**
 * Hears one process's leadership of one group begin and end. Calls come on the coordination's
 * thread, alternately {@link #gained} and {@link #lost}, starting with {@code gained}. A listener
 * that throws is logged; the election goes on.
 */
public interface LeadershipListener {

    /**
     * This process leads from now on.
     *
     * @param fencingToken the token of this term, larger than every earlier leader's
     */
    void gained(long fencingToken);

    /**
     * This process no longer leads: the connection was suspended or lost, or the membership was
     * closed. Another process may already lead; stop the leader's work now.
     */
    void lost();
}
