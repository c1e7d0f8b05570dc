package io.courier.protocol.gadget;

import java.util.concurrent.atomic.AtomicBoolean;

/** Raised by {@link Canary}'s static initializer; lives apart so that reading it loads no canary. */
public final class CanaryFlag {

    public static final AtomicBoolean INITIALIZED = new AtomicBoolean();

    private CanaryFlag() {}
}
