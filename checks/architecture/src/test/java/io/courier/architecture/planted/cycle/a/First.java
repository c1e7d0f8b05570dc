package io.courier.architecture.planted.cycle.a;

import io.courier.architecture.planted.cycle.b.Second;

/** Planted: one half of a cycle between two packages. */
public class First {
    public Second next() {
        return new Second();
    }
}
