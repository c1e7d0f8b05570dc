package io.courier.admin.cli;

/** A service on plain Java types, whose .proto the tests ask for. */
public interface Greeter {

    /** A greeting for {@code name}, {@code times} times. */
    String greet(String name, int times);
}
