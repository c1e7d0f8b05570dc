package io.courier.architecture.planted;

import io.courier.architecture.planted.owner.internal.Capability;

/** Planted: a class of another module that uses an {@code .internal} class marked {@code @Internal}. */
public class UsesMarkedCapability {
    public int answer() {
        return Capability.answer();
    }
}
