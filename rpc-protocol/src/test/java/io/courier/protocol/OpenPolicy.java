package io.courier.protocol;

import io.courier.api.DeserializationPolicy;

/** A policy allowing every class, for tests whose subject is not the allow-list. */
final class OpenPolicy implements DeserializationPolicy {

    static final OpenPolicy INSTANCE = new OpenPolicy();

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
        return 1 << 20;
    }
}
