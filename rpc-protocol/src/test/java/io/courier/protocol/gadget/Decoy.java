package io.courier.protocol.gadget;

/**
 * Written where a gadget should be, then renamed in the bytes to a gadget class name: the bytes
 * name the gadget although no gadget was ever instantiated to produce them.
 */
public class Decoy {

    private String name = "decoy";

    public Decoy() {}
}
