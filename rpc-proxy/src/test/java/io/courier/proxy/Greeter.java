package io.courier.proxy;

/** A small service with a default method; also loaded in isolated class loaders. */
public interface Greeter {

    String greet(String name);

    default String greetTwice(String name) {
        return greet(name) + " " + greet(name);
    }
}
