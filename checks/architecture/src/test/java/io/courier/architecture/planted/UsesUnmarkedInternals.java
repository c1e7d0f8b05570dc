package io.courier.architecture.planted;

import io.courier.architecture.planted.owner.internal.Hidden;

/** Planted: a class of another module that uses an unmarked class of an {@code .internal} package. */
public class UsesUnmarkedInternals {
    public int answer() {
        return Hidden.answer();
    }
}
