package io.courier.api.event;

/**
 * Thrown by an {@link EventHandler} for an event that no retry can help (it breaks a business
 * rule, refers to something that cannot exist): the event goes to the dead-letter topic at once,
 * with this exception's message as the reason, instead of after the remaining attempts.
 */
public class UnprocessableEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With the reason the dead-letter topic records. */
    public UnprocessableEventException(String reason) {
        super(reason);
    }

    /** With the reason the dead-letter topic records and its cause. */
    public UnprocessableEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
