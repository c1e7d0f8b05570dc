package io.courier.events.kafka.embedded;

/** Written by hessian, then renamed in the bytes to {@link Tripwire} (a name of the same length). */
public final class Decoy000 {
    public String orderId = "o-gadget";
}
