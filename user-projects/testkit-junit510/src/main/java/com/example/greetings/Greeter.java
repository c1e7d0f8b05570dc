package com.example.greetings;

import io.courier.api.Reference;

/** The consumer under test: calls {@link Greetings} through a reference Courier fills. */
public class Greeter {

    @Reference
    private Greetings greetings;

    /** The greeting of {@code name}, or a polite refusal when the provider does not know the name. */
    public String welcome(String name) {
        try {
            return greetings.greet(name) + "!";
        } catch (UnknownNameException e) {
            return "Who are you, " + name + "?";
        }
    }
}
