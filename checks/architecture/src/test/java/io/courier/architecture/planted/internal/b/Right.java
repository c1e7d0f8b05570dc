package io.courier.architecture.planted.internal.b;

import io.courier.architecture.planted.internal.a.Left;

/** Planted: the other half of the cycle inside {@code .internal}. */
public class Right {
    public Left back() {
        return new Left();
    }
}
