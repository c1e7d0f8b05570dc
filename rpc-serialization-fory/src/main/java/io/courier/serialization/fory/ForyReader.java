package io.courier.serialization.fory;

import io.courier.api.ByteSource;
import io.courier.api.DeserializationPolicy;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.Serializer;
import io.courier.protocol.internal.ThrowableData;
import io.courier.protocol.internal.Throwables;
import java.io.EOFException;
import java.io.IOException;
import java.lang.reflect.Type;
import org.apache.fory.ThreadSafeFory;
import org.apache.fory.memory.MemoryBuffer;

/**
 * One reading session of {@link ServiceFory}: checks the writer's fingerprint before the first
 * value, then reads each value's bytes whole (a length never makes it allocate more than arrives)
 * and has Fory build it, which must use exactly those bytes. A class Fory or the policy refuses
 * becomes a {@code SERIALIZATION} error naming it ({@link ForyRefusals}); anything else Fory throws
 * is reported by the protocol as malformed input.
 */
final class ForyReader implements Serializer.ValueReader {

    /** Larger arrays are not kept between sessions. */
    private static final int KEPT_BYTES = 64 * 1024;

    private static final ThreadLocal<byte[]> ARRAYS = ThreadLocal.withInitial(() -> new byte[1024]);

    private final ThreadSafeFory fory;
    private final int fingerprint;
    private final String service;
    private final ByteSource source;
    private final DeserializationPolicy policy;
    private boolean started;

    ForyReader(ThreadSafeFory fory, int fingerprint, String service, ByteSource source, DeserializationPolicy policy) {
        this.fory = fory;
        this.fingerprint = fingerprint;
        this.service = service;
        this.source = source;
        this.policy = policy;
    }

    @Override
    public Object read(Type declaredType) throws IOException {
        if (!started) {
            checkFingerprint();
            started = true;
        }
        int size = readLength();
        byte[] bytes;
        if (size <= source.available()) {
            bytes = ARRAYS.get();
            if (bytes.length < size) {
                bytes = new byte[Math.max(size, bytes.length * 2)];
                if (bytes.length <= KEPT_BYTES) {
                    ARRAYS.set(bytes);
                }
            }
            if (source.readNBytes(bytes, 0, size) < size) {
                throw new EOFException("fory value of " + size + " bytes ends early");
            }
        } else {
            // a source that cannot tell what is left: read in chunks, never allocate the claimed size up front
            bytes = source.readNBytes(size);
            if (bytes.length < size) {
                throw new EOFException("fory value of " + size + " bytes ends after " + bytes.length);
            }
        }
        MemoryBuffer buffer = MemoryBuffer.fromByteArray(bytes, 0, size);
        Object value;
        try {
            value = fory.deserialize(buffer);
        } catch (RuntimeException e) {
            RpcException refusal = ForyRefusals.find(e, policy, service);
            throw refusal != null ? refusal : e;
        }
        if (buffer.readerIndex() != size) {
            throw new IOException("fory value of " + size + " bytes used " + buffer.readerIndex());
        }
        return value instanceof ThrowableData data ? Throwables.fromData(data, policy) : value;
    }

    private void checkFingerprint() throws IOException {
        int sent = 0;
        for (int i = 0; i < 4; i++) {
            int b = source.read();
            if (b < 0) {
                throw new EOFException("fory session ends before its fingerprint");
            }
            sent = sent << 8 | b;
        }
        if (sent != fingerprint) {
            throw new RpcException(
                    ErrorCode.SERIALIZATION,
                    String.format(
                            "fory types of %s differ between the two sides (fingerprint %08x, this side %08x;"
                                    + " expected: both sides built from the same version of the interface and its"
                                    + " classes)",
                            service, sent, fingerprint));
        }
    }

    private int readLength() throws IOException {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            int b = source.read();
            if (b < 0) {
                throw new EOFException("fory value length ends early");
            }
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (value < 0) {
                    break;
                }
                return value;
            }
        }
        throw new IOException("fory value length is malformed");
    }
}
