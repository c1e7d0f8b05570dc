package io.courier.api.store;

/**
 * A configuration document its registry would refuse; the message names the first defect with its
 * path, e.g. {@code config.weights.h:1: 10001 (expected: 0 to 10000)}, or a key's own message for a value outside
 * its range ({@code courier.consumer.retries: '101' (expected: an integer 0 to 100) [document field
 * config.retries]}), never the whole text.
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
