package io.courier.protocol.testing;

import io.courier.api.DeserializationPolicy;

/** Allows every class, for tests whose subject is not the allow-list. */
public final class OpenPolicy implements DeserializationPolicy {

    public static final OpenPolicy INSTANCE = new OpenPolicy();

    @Override
    public void checkClass(String className) {}

    @Override
    public int maxDepth() {
        return 100;
    }

    @Override
    public int maxCollectionLength() {
        return 1 << 20;
    }

    @Override
    public int maxStringLength() {
        return 16 << 20;
    }
}
