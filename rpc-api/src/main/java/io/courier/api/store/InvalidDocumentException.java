package io.courier.api.store;

/**
 * A configuration document its registry would refuse; the message names the first defect with its
 * path, e.g. {@code config.timeoutMillis: -5 (expected: 1 to 3600000)}, never the whole text.
 */
public final class InvalidDocumentException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidDocumentException(String message) {
        super(message);
    }

    public InvalidDocumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
