package io.courier.spi;

/**
 * A problem with an extension: an unknown name, a conflicting or broken {@code META-INF/services}
 * entry, or an implementation that cannot be built. The message names the file and the class
 * involved.
 */
public final class ExtensionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ExtensionException(String message) {
        super(message);
    }

    public ExtensionException(String message, Throwable cause) {
        super(message, cause);
    }
}
