package io.courier.architecture.planted.owner.internal;

import io.courier.api.Internal;

/** Planted: the one class of an {@code .internal} package that other modules may use. */
@Internal
public final class Capability {

    public static int answer() {
        return Hidden.ANSWER;
    }
}
