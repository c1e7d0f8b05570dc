package com.example.greetings;

/** A business exception of {@link Greetings}: reaches the consumer as itself. */
public class UnknownNameException extends Exception {

    private static final long serialVersionUID = 1L;

    public UnknownNameException(String message) {
        super(message);
    }
}
