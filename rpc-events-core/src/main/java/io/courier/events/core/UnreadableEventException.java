package io.courier.events.core;

/**
 * An event that no retry can make readable: it goes to the dead-letter topic at once, without an
 * attempt. Its message says everything, so it carries no stack trace (a flood of poison events costs
 * no stack walks).
 */
public final class UnreadableEventException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Says why the event cannot be read. */
    public UnreadableEventException(String message) {
        super(message, null, false, false);
    }
}
