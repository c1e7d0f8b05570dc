package io.courier.api.coordination;

/** The coordination store failed or could not be reached while granting or joining something. */
public class CoordinationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CoordinationException(String message, Throwable cause) {
        super(message, cause);
    }
}
