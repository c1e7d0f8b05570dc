package io.courier.protocol.internal;

/**
 * The message protostuff writes a value of no fixed class in: its one field is polymorphic, so the
 * value's class travels with it and is checked against the policy when read.
 */
public final class ValueHolder {

    Object value;

    public ValueHolder() {}

    public ValueHolder(Object value) {
        this.value = value;
    }

    public Object value() {
        return value;
    }
}
