package io.courier.demo;

/** A checked business exception: it reaches the consumer as itself. */
public final class UserNotFoundException extends Exception {

    private static final long serialVersionUID = 1L;

    public UserNotFoundException() {}

    public UserNotFoundException(String message) {
        super(message);
    }
}
