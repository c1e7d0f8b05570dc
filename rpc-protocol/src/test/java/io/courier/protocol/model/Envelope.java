package io.courier.protocol.model;

/** A value with a polymorphic field: whatever the payload is, its class travels by name. */
public class Envelope {

    private String label;
    private Object payload;

    public Envelope() {}

    public Envelope(String label, Object payload) {
        this.label = label;
        this.payload = payload;
    }

    public Object payload() {
        return payload;
    }
}
