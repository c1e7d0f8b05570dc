package io.courier.protocol.testing;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.serialization.DeserializationPolicy;

/**
 * Allows every class but {@code refused} (none when it is null: {@link OpenPolicy}), with the given
 * string limit, for tests of what a refusal or a limit does to a read.
 */
public record RefusingPolicy(String refused, int maxStringLength) implements DeserializationPolicy {

    /** Refuses only {@code type}. */
    public static RefusingPolicy refusing(Class<?> type) {
        return new RefusingPolicy(type.getName(), 1 << 20);
    }

    @Override
    public void checkClass(String className) {
        if (refused != null && refused.equals(className)) {
            throw new RpcException(ErrorCode.SERIALIZATION, "refused " + className);
        }
    }

    @Override
    public int maxDepth() {
        return 100;
    }

    @Override
    public int maxCollectionLength() {
        return 1 << 20;
    }
}
