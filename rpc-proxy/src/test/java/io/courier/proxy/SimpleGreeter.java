package io.courier.proxy;

/** Greets. Public so that an isolated class loader can load a copy next to its own Greeter. */
public final class SimpleGreeter implements Greeter {

    @Override
    public String greet(String name) {
        return Greeter.salutation() + " " + name;
    }
}
