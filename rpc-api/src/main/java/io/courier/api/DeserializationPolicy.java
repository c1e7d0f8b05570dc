package io.courier.api;

/**
 * What a {@link Serializer} may build from untrusted bytes: which classes, how deep, how long. Read
 * once at start-up; no request can change it. Thread-safe.
 */
public interface DeserializationPolicy {

    /**
     * Refuses a class name before anything loads it.
     *
     * @throws RpcException with {@link ErrorCode#SERIALIZATION} naming the class if it is not allowed
     */
    void checkClass(String className);

    /** The deepest nesting of objects, collections and arrays a read may build. */
    int maxDepth();

    /** The largest element count of one collection, map or array. */
    int maxCollectionLength();

    /** The largest length, in bytes or chars, of one string or byte array. */
    int maxStringLength();
}
