package com.example.greeting;

/** The service contract. */
public interface Greeter {

    String greet(String name);
}
