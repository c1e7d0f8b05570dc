package io.courier.protocol.testing;

import io.courier.api.serialization.DeserializationPolicy;

/** Allows every class, for tests whose subject is not the allow-list. */
public final class OpenPolicy {

    public static final DeserializationPolicy INSTANCE = new RefusingPolicy(null, 16 << 20);

    private OpenPolicy() {}
}
