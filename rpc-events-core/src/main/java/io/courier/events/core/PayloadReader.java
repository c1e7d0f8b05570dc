package io.courier.events.core;

import io.courier.api.RpcException;
import io.courier.api.serialization.ByteSource;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.serialization.HessianPayloadReader;
import io.courier.protocol.serialization.HessianSerializer;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Reads the payloads of one subscription's events as its type under its allow-list, for {@link
 * EventEnvelope#read}, remembering what event after event repeats: the type attribute the allow-list
 * last accepted (its answer for a name never changes), and for hessian the class definition of a
 * record payload ({@link HessianPayloadReader}, parsed and checked once rather than per event), as
 * Kafka's reader does. Not thread-safe: one per consuming thread, or used by one thread at a time.
 *
 * @param <E> the subscribed type
 */
public final class PayloadReader<E> {

    private final Class<E> type;
    private final DeserializationPolicy policy;
    /** The last type attribute the allow-list accepted. */
    private String allowedType;
    /** For the hessian serializer: made on its first payload. */
    private HessianPayloadReader hessian;

    /** A reader of {@code type} under {@code policy} (see {@link EventEnvelope#policyFor}). */
    public PayloadReader(Class<E> type, DeserializationPolicy policy) {
        this.type = type;
        this.policy = policy;
    }

    /**
     * Checks the event's type attribute against the allow-list.
     *
     * @throws UnreadableEventException if the allow-list refuses it
     */
    void checkType(String typeName) throws UnreadableEventException {
        if (typeName.equals(allowedType)) {
            return;
        }
        try {
            policy.checkClass(typeName);
        } catch (RpcException e) {
            throw new UnreadableEventException("attribute type: " + e.getMessage());
        }
        allowedType = typeName;
    }

    /**
     * {@code data} read by {@code serializer} (named {@code name}) as the subscribed type.
     *
     * @throws UnreadableEventException if it cannot be read, or is of another type
     */
    public E read(Serializer serializer, String name, byte[] data) throws UnreadableEventException {
        Object payload;
        try {
            if (serializer instanceof HessianSerializer hessianSerializer) {
                if (hessian == null) {
                    hessian = hessianSerializer.payloadReader(type, policy);
                }
                payload = hessian.read(data);
            } else {
                payload = serializer
                        .reader(ByteSource.of(new ByteArrayInputStream(data)), policy)
                        .read(type);
            }
        } catch (IOException | RuntimeException | StackOverflowError e) {
            throw new UnreadableEventException("payload unreadable by " + name + " as " + type.getName() + ": "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (!type.isInstance(payload)) {
            throw new UnreadableEventException("payload read by " + name + " is "
                    + (payload == null ? "null" : "a " + payload.getClass().getName()) + " (expected: a "
                    + type.getName() + ")");
        }
        return type.cast(payload);
    }
}
