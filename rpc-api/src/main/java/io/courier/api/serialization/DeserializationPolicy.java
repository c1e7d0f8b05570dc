package io.courier.api.serialization;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;

/**
 * What a {@link Serializer} may build from untrusted bytes: which classes, how deep, how many
 * elements and how long. One policy is built per side (consumer or provider) and service at
 * start-up and never changes afterwards; no request can change it. Implementations are immutable
 * and thread-safe, and serializers may cache per-policy state, so a policy should live as long as
 * the service it guards.
 */
public interface DeserializationPolicy {

    /**
     * Refuses a class name before anything loads it. Called with names exactly as the input spells
     * them, including array names ({@code [Lcom.example.User;}).
     *
     * @throws RpcException with {@link ErrorCode#SERIALIZATION} naming the class if it is not allowed
     */
    void checkClass(String className);

    /** The deepest nesting of objects, collections and arrays one value may have. */
    int maxDepth();

    /**
     * The most elements the collections, maps and arrays of one value may hold together, checked
     * against declared lengths before an array is allocated.
     */
    int maxCollectionLength();

    /** The longest string or byte array one value may contain, in bytes or chars. */
    int maxStringLength();
}
