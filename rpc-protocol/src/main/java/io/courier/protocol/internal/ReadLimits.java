package io.courier.protocol.internal;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.serialization.DeserializationPolicy;

/**
 * The depth and element budget of reading one value, charged before anything is allocated. Not
 * thread-safe; one per reading session, {@linkplain #reset() reset} for every value.
 */
public final class ReadLimits {

    private final DeserializationPolicy policy;
    private int depth;
    private int elementsLeft;

    public ReadLimits(DeserializationPolicy policy) {
        this.policy = policy;
        this.elementsLeft = policy.maxCollectionLength();
    }

    /** Restores the full budget, for the next value of the same reading session. */
    public void reset() {
        depth = 0;
        elementsLeft = policy.maxCollectionLength();
    }

    public DeserializationPolicy policy() {
        return policy;
    }

    /** Enters one more level of nesting. */
    public void enter(int offset) {
        if (++depth > policy.maxDepth()) {
            throw new RpcException(
                    ErrorCode.SERIALIZATION,
                    "nesting deeper than " + policy.maxDepth() + " at body offset " + offset + " (maxDepth)");
        }
    }

    public void exit() {
        depth--;
    }

    public int depth() {
        return depth;
    }

    /** Charges {@code count} collection, map or array elements (a declared length or one read). */
    public void charge(long count, int offset) {
        if (count > elementsLeft) {
            throw new RpcException(
                    ErrorCode.SERIALIZATION,
                    "more than " + policy.maxCollectionLength() + " collection elements at body offset " + offset
                            + " (declared " + count + ", maxCollectionLength)");
        }
        elementsLeft -= (int) count;
    }

    /** Checks a string or byte array length against the policy and the bytes left. */
    public void checkLength(long length, int remaining, int offset) {
        if (length < 0) {
            throw new RpcException(ErrorCode.SERIALIZATION, "negative length at body offset " + offset);
        }
        if (length > policy.maxStringLength()) {
            throw new RpcException(
                    ErrorCode.SERIALIZATION,
                    "length " + length + " over " + policy.maxStringLength() + " at body offset " + offset
                            + " (maxStringLength)");
        }
        if (length > remaining) {
            throw new RpcException(
                    ErrorCode.SERIALIZATION,
                    "length " + length + " but " + remaining + " bytes left at body offset " + offset);
        }
    }
}
