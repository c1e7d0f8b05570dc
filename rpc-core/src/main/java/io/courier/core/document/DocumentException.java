package io.courier.core.document;

/**
 * A registry document (node data, cache file, configuration) that cannot be accepted; the message
 * names the defect, and the field where there is one.
 */
public final class DocumentException extends Exception {

    public DocumentException(String message) {
        super(message);
    }

    public DocumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
