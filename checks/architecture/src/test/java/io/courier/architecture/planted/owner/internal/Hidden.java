package io.courier.architecture.planted.owner.internal;

/** Planted: a class of an {@code .internal} package that no other module may use. */
public final class Hidden {

    public static final int ANSWER = 42;

    public static int answer() {
        return ANSWER;
    }
}
