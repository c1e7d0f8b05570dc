package io.courier.serialization.fory;

import static io.courier.serialization.fory.ForyValues.FALSE;
import static io.courier.serialization.fory.ForyValues.FORY;
import static io.courier.serialization.fory.ForyValues.INT;
import static io.courier.serialization.fory.ForyValues.LONG;
import static io.courier.serialization.fory.ForyValues.NULL;
import static io.courier.serialization.fory.ForyValues.PROTOSTUFF;
import static io.courier.serialization.fory.ForyValues.STRING;
import static io.courier.serialization.fory.ForyValues.TRUE;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.serialization.ByteSource;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.internal.IoThreadLocal;
import io.courier.protocol.internal.ThrowableData;
import io.courier.protocol.internal.Throwables;
import io.netty.util.concurrent.FastThreadLocal;
import java.io.EOFException;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import org.apache.fory.ThreadSafeFory;
import org.apache.fory.memory.MemoryBuffer;

/**
 * One reading session of {@link ServiceFory}: reads each value's tag, then a scalar, or a Fory
 * value's bytes whole (a length never makes it allocate more than arrives) which Fory must build
 * using exactly those bytes, or a protostuff value's, which protostuff reads ({@link ForyFallback}). A class Fory or the policy refuses becomes a {@code SERIALIZATION}
 * error naming it ({@link ForyRefusals}); anything else Fory throws is reported by the protocol as
 * malformed input.
 */
final class ForyReader implements Serializer.ValueReader {

    /** Larger arrays are not kept between sessions. */
    private static final int KEPT_BYTES = 64 * 1024;

    private static final FastThreadLocal<byte[]> ARRAYS = IoThreadLocal.withInitial(() -> new byte[1024]);

    private static final byte[] NO_BYTES = new byte[0];

    /**
     * The view Fory reads a value's bytes through, pointed at each value's array in turn: a new one
     * per value was two objects (the buffer and its bounds checker) on every call's result.
     */
    private static final FastThreadLocal<MemoryBuffer> VIEWS =
            IoThreadLocal.withInitial(() -> MemoryBuffer.fromByteArray(NO_BYTES));

    private final ThreadSafeFory fory;
    private final ForyFallback fallback;
    private final String service;
    private final ByteSource source;
    private final DeserializationPolicy policy;

    ForyReader(
            ThreadSafeFory fory,
            ForyFallback fallback,
            String service,
            ByteSource source,
            DeserializationPolicy policy) {
        this.fory = fory;
        this.fallback = fallback;
        this.service = service;
        this.source = source;
        this.policy = policy;
    }

    @Override
    public Object read(Type declaredType) throws IOException {
        int tag = source.read();
        return switch (tag) {
            case NULL -> null;
            case FALSE -> Boolean.FALSE;
            case TRUE -> Boolean.TRUE;
            case INT -> {
                long n = readVarint(5, "int");
                if (n >>> 32 != 0) {
                    throw new IOException("fory int value is malformed");
                }
                int zigzag = (int) n;
                yield zigzag >>> 1 ^ -(zigzag & 1);
            }
            case LONG -> {
                long zigzag = readVarint(10, "long");
                yield zigzag >>> 1 ^ -(zigzag & 1);
            }
            case STRING -> readString();
            case FORY -> readFory();
            case PROTOSTUFF -> {
                int size = readLength("protostuff value");
                yield fallback.read(readBytes(size), size, declaredType, policy);
            }
            case -1 -> throw new EOFException("fory session ends before its value");
            default -> throw new IOException("fory value tag " + tag);
        };
    }

    private String readString() throws IOException {
        int size = readLength("string");
        if (size > policy.maxStringLength()) {
            // in bytes, as protostuff counts it: refused before anything is read or allocated
            throw new RpcException(
                    ErrorCode.SERIALIZATION,
                    "string of " + size + " bytes over " + policy.maxStringLength() + " (maxStringLength)");
        }
        return new String(readBytes(size), 0, size, StandardCharsets.UTF_8);
    }

    private Object readFory() throws IOException {
        int size = readLength("value");
        byte[] bytes = readBytes(size);
        MemoryBuffer buffer = VIEWS.get();
        buffer.pointTo(bytes, 0, size);
        buffer.readerIndex(0);
        Object value;
        int used;
        try {
            value = fory.deserialize(buffer);
            used = buffer.readerIndex();
        } catch (RuntimeException e) {
            RpcException refusal = ForyRefusals.find(e, policy, service);
            throw refusal != null ? refusal : e;
        } finally {
            // the view must not keep a large value's array alive until the thread's next read
            buffer.pointTo(NO_BYTES, 0, 0);
        }
        if (used != size) {
            throw new IOException("fory value of " + size + " bytes used " + used);
        }
        return value instanceof ThrowableData data ? Throwables.fromData(data, policy) : value;
    }

    /**
     * {@code size} bytes, in an array the thread reuses when the source says they are there;
     * otherwise read in chunks, so that a lying length never allocates its claim up front.
     */
    private byte[] readBytes(int size) throws IOException {
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
            bytes = source.readNBytes(size);
            if (bytes.length < size) {
                throw new EOFException("fory value of " + size + " bytes ends after " + bytes.length);
            }
        }
        return bytes;
    }

    private int readLength(String what) throws IOException {
        long value = readVarint(5, what, " length");
        if (value > Integer.MAX_VALUE) {
            throw new IOException("fory " + what + " length is malformed");
        }
        return (int) value;
    }

    /** A varint of at most {@code maxBytes} bytes. */
    private long readVarint(int maxBytes, String what) throws IOException {
        return readVarint(maxBytes, what, "");
    }

    /**
     * A varint of at most {@code maxBytes} bytes; {@code what} and {@code suffix} name it in the
     * error, joined only then: every string and value read names its length, once per call.
     */
    private long readVarint(int maxBytes, String what, String suffix) throws IOException {
        long value = 0;
        for (int i = 0; i < maxBytes; i++) {
            int b = source.read();
            if (b < 0) {
                throw new EOFException("fory " + what + suffix + " ends early");
            }
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("fory " + what + suffix + " is malformed");
    }
}
