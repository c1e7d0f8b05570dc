package io.courier.protocol.serialization;

import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.internal.RepeatedRecordWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

/**
 * Writes whole payloads, each one value of one type alone (an event's payload), in the bytes the
 * {@code hessian} serializer writes. For a record whose components are strings, numbers, booleans
 * or null, the class definition (class and field names) is made once and copied into every
 * payload instead of being written again; the first payload so made is checked against hessian's
 * own bytes, and any difference leaves every payload to hessian. Thread-safe.
 */
public final class HessianPayloadWriter {

    private final HessianSerializer serializer;
    private final Class<?> type;
    /** Null unless {@code type} is a record. */
    private final RepeatedRecordWriter repeated;
    /** 0: not checked against hessian yet; 1: checked, equal; -1: differed, hessian writes all. */
    private volatile int checked;

    HessianPayloadWriter(HessianSerializer serializer, Class<?> type) {
        this.serializer = serializer;
        this.type = type;
        this.repeated = type.isRecord() ? new RepeatedRecordWriter(type) : null;
    }

    /**
     * The bytes of {@code value}, as a {@code serializer.writer(sink)} session writing it alone as
     * a {@code type} writes them.
     *
     * @throws io.courier.api.RpcException if hessian cannot write the value
     * @throws IOException never in practice (the bytes go to memory)
     */
    public byte[] write(Object value) throws IOException {
        int state = checked;
        if (repeated != null && state >= 0) {
            byte[] bytes = repeated.tryWrite(value);
            if (bytes != null) {
                if (state == 1) {
                    return bytes;
                }
                byte[] hessian = hessian(value);
                checked = Arrays.equals(bytes, hessian) ? 1 : -1;
                return hessian;
            }
        }
        return hessian(value);
    }

    private byte[] hessian(Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        Serializer.ValueWriter writer = serializer.writer(ByteSink.of(out));
        writer.write(value, type);
        writer.flush();
        return out.toByteArray();
    }
}
