package io.courier.serialization.fory.accounts;

/** An enum field of {@link Member}. */
public enum Level {
    SILVER,
    GOLD
}
