package io.courier.architecture.planted.internal.a;

import io.courier.architecture.planted.internal.b.Right;

/** Planted: one half of a cycle between two sub-packages of one {@code .internal} package. */
public class Left {
    public Right next() {
        return new Right();
    }
}
