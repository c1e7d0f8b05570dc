package io.courier.events.kafka.embedded;

/** A class no event may load: loading it leaves a mark in a system property. */
public final class Tripwire {
    static {
        System.setProperty("courier.test.tripwire", "loaded");
    }

    public String orderId;
}
