package io.courier.api.store;

/**
 * A {@link RegistryStore} operation that could not be done: the store is unreachable, refused the
 * operation, or the calling thread was interrupted (its flag is set again). The message names the
 * operation's subject and the cause, never a document's text.
 */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
