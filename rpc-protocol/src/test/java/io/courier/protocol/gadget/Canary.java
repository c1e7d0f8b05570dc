package io.courier.protocol.gadget;

/** A class no allow-list admits; if anything ever initializes it, the flag says so. */
public class Canary extends RuntimeException {

    private static final long serialVersionUID = 1L;

    static {
        CanaryFlag.INITIALIZED.set(true);
    }

    private String name;

    public Canary() {}

    public String name() {
        return name;
    }
}
