package io.courier.protocol.model;

/** A business exception with state of its own. */
public class InsufficientFundsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private long missing;

    public InsufficientFundsException(String message, Throwable cause) {
        super(message, cause);
    }

    public InsufficientFundsException(String message, Throwable cause, long missing) {
        super(message, cause);
        this.missing = missing;
    }

    public long missing() {
        return missing;
    }
}
