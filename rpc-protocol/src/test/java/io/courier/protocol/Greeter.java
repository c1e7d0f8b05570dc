package io.courier.protocol;

import io.courier.api.Oneway;

/** A small service interface the codec tests call. */
public interface Greeter {

    String greet(String name);

    long add(long a, long b);

    @Oneway
    void fire(String event);
}
