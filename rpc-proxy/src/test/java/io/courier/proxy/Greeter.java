package io.courier.proxy;

/** A small service with a default and a static method; also loaded in isolated class loaders. */
public interface Greeter {

    /** Static: neither remote nor part of a proxy. */
    static String salutation() {
        return "Hello";
    }

    String greet(String name);

    default String greetTwice(String name) {
        return greet(name) + " " + greet(name);
    }
}
