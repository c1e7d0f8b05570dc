package io.courier.architecture.planted.cycle.b;

import io.courier.architecture.planted.cycle.a.First;

/** Planted: the other half of the cycle. */
public class Second {
    public First back() {
        return new First();
    }
}
