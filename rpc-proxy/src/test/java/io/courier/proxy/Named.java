package io.courier.proxy;

/** A second super-interface. */
public interface Named {

    String name();
}
