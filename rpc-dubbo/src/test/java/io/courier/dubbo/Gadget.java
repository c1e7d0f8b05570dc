package io.courier.dubbo;

import java.io.Serializable;

/**
 * Stands for a deserialization gadget: a class on the provider's class path that no service allows.
 * Its initializer marks the JVM, so a test sees whether reading a frame ever loaded it.
 */
public final class Gadget implements Serializable {

    static final String LOADED = "courier.dubbo.gadget.loaded";

    static {
        System.setProperty(LOADED, "true");
    }

    private static final long serialVersionUID = 1L;

    public String command;
}
