package io.courier.protocol.gadget;

/** As {@link Decoy}, for the exception position. */
public class DecoyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DecoyException(String message) {
        super(message);
    }
}
