package io.courier.protocol.serialization;

import io.courier.api.serialization.ByteSource;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.protocol.internal.RepeatedRecordReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Reads whole payloads, each one value of one type written alone by the {@code hessian} serializer
 * (an event's payload), under one policy. For a record type it remembers the exact bytes of the
 * class definitions it has read (every such payload starts with the record's class and field
 * names, the same bytes payload after payload) and reads a payload that starts with them without
 * parsing them again; anything else, and every payload whose definition it has not seen, is read
 * by the full hessian path, which judges every class name against the policy. The values are those
 * the full path reads. Not thread-safe: one per reading thread.
 */
public final class HessianPayloadReader {

    private final HessianSerializer serializer;
    private final Class<?> type;
    private final DeserializationPolicy policy;
    /** Null unless {@code type} is a record. */
    private final RepeatedRecordReader repeated;

    HessianPayloadReader(HessianSerializer serializer, Class<?> type, DeserializationPolicy policy) {
        this.serializer = serializer;
        this.type = type;
        this.policy = policy;
        this.repeated = type.isRecord() ? new RepeatedRecordReader(type, policy) : null;
    }

    /**
     * The value in {@code payload}, as {@code serializer.reader(source, policy).read(type)} reads
     * it; may be {@code null}, or of another type if the payload holds one the policy allows.
     *
     * @throws io.courier.api.RpcException if the payload names a class the policy refuses or
     *     breaks one of its limits
     * @throws IOException if the payload is malformed
     */
    public Object read(byte[] payload) throws IOException {
        if (repeated != null) {
            Object value = repeated.tryRead(payload);
            if (value != RepeatedRecordReader.NOT_READ) {
                return value;
            }
        }
        Object value = serializer
                .reader(ByteSource.of(new ByteArrayInputStream(payload)), policy)
                .read(type);
        if (repeated != null && type.isInstance(value)) {
            repeated.learn(payload);
        }
        return value;
    }
}
