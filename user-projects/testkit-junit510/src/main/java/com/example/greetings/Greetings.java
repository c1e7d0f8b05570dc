package com.example.greetings;

/** The service a greeter calls: the contract of another team's provider. */
public interface Greetings {

    /** A greeting for {@code name}; throws {@link UnknownNameException} for a name it refuses. */
    String greet(String name) throws UnknownNameException;
}
