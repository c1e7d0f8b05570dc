package io.courier.mockserver;

/**
 * The mock server's registry did not answer while it started, so no consumer could have found the
 * services; the server stopped rather than serve unseen. The message names the address.
 */
public final class RegistryUnreachableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RegistryUnreachableException(String message) {
        super(message);
    }
}
