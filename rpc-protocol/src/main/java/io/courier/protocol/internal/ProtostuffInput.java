package io.courier.protocol.internal;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import io.protostuff.ByteString;
import io.protostuff.CollectionSchema;
import io.protostuff.Input;
import io.protostuff.MapSchema;
import io.protostuff.Output;
import io.protostuff.Schema;
import io.protostuff.WireFormat;
import io.protostuff.runtime.ArraySchemas;
import io.protostuff.runtime.PolymorphicSchema;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A protostuff {@link Input} reading group-encoded messages (the protostuff format) from a frame
 * body, with the limits protostuff lacks: nesting depth, string and byte lengths, and the element
 * budget charged with an array's declared length before protostuff allocates the array.
 *
 * <p>Protostuff reads an array length as the integer that follows field 1 of a scalar array schema
 * or field 3 of a polymorphic array (and a dimension count after field 2); this input remembers
 * the fields just read so that it can judge the next integer before protostuff uses it.
 *
 * <p>A message is read from an array: the heap buffer's own, or, for a direct buffer, a copy made
 * in one move into an array the thread reuses; plain array reads cost a fraction of the buffer's
 * checked single-byte reads. {@link #begin} and {@link #end} bracket each message; {@code end}
 * moves the buffer's reader index past what was read. Error messages name offsets in the body.
 */
public final class ProtostuffInput implements Input {

    private static final int TAG_TYPE_BITS = 3;
    private static final int TAG_TYPE_MASK = 7;

    private static final int NOTHING_PENDING = 0;
    private static final int LENGTH_PENDING = 1;
    private static final int SMALL_PENDING = 2;

    private static final int ID_ARRAY = 15;
    private static final int ID_ARRAY_MAPPED = 17;
    private static final int OBJECT_ARRAY_LENGTH = 3;
    private static final int OBJECT_ARRAY_DIMENSIONS = 2;
    /** The field of a polymorphic value that names its class. */
    private static final int POJO_CLASS_NAME = 127;

    /** The largest copy a thread keeps between messages; larger ones are dropped after use. */
    private static final int KEPT = 64 * 1024;

    private static final FastThreadLocal<Scratch> SCRATCH = IoThreadLocal.withInitial(Scratch::new);

    private final ByteBuf in;
    private final ReadLimits limits;
    /** The message's bytes: {@code a[pos]} is body offset {@code pos - shift}; it ends at {@code limit}. */
    private byte[] a;

    private int pos;
    private int limit;
    private int shift;
    /** The thread's copy array while this input holds it. */
    private Scratch held;

    private int lastTag;
    private int pending;
    private int lastPolymorphicField;
    /** Whether the next string is a class name, which {@link #className} may already hold. */
    private boolean classNamePending;
    /** The last class name read in this session, as bytes and as the string handed out. */
    private byte[] classNameBytes;

    private String className;

    /** An input over {@code in}; each message is read between {@link #begin} and {@link #end}. */
    public ProtostuffInput(ByteBuf in, ReadLimits limits) {
        this.in = in;
        this.limits = limits;
    }

    /**
     * Starts on the next message: the {@code length} bytes at the reader index, which the caller
     * has checked are readable. {@link #end} must follow, in a {@code finally}.
     */
    public void begin(int length) {
        int index = in.readerIndex();
        if (in.hasArray()) {
            a = in.array();
            pos = in.arrayOffset() + index;
        } else {
            a = copy(index, length);
            pos = 0;
        }
        shift = pos - index;
        limit = pos + length;
        lastTag = 0;
        pending = NOTHING_PENDING;
        lastPolymorphicField = 0;
        classNamePending = false;
    }

    private byte[] copy(int index, int length) {
        Scratch scratch = SCRATCH.get();
        if (scratch.busy) {
            // a read inside a read on this thread: an array of its own
            byte[] bytes = new byte[length];
            in.getBytes(index, bytes, 0, length);
            return bytes;
        }
        if (scratch.bytes.length < length) {
            scratch.bytes = new byte[Math.max(length, scratch.bytes.length * 2)];
        }
        byte[] bytes = scratch.bytes;
        in.getBytes(index, bytes, 0, length);
        scratch.busy = true;
        held = scratch;
        return bytes;
    }

    /**
     * Ends the message: moves the buffer's reader index past the bytes read and gives the copy
     * array back. Returns whether every byte of the message was read.
     */
    public boolean end() {
        boolean atEnd = pos == limit;
        in.readerIndex(pos - shift);
        a = null;
        Scratch scratch = held;
        if (scratch != null) {
            held = null;
            if (scratch.bytes.length > KEPT) {
                scratch.bytes = new byte[Scratch.FIRST];
            }
            scratch.busy = false;
        }
        return atEnd;
    }

    /** The array a thread reuses for copies of messages, and whether a read is using it. */
    private static final class Scratch {
        static final int FIRST = 1024;
        byte[] bytes = new byte[FIRST];
        boolean busy;
    }

    @Override
    public <T> void handleUnknownField(int fieldNumber, Schema<T> schema) {
        skipField(lastTag);
    }

    @Override
    public <T> int readFieldNumber(Schema<T> schema) {
        pending = NOTHING_PENDING;
        classNamePending = false;
        if (pos >= limit) {
            if (limits.depth() > 0) {
                throw malformed("message ends inside a nested object");
            }
            lastTag = 0;
            return 0;
        }
        int tag = readRawVarint32();
        int fieldNumber = tag >>> TAG_TYPE_BITS;
        int wireType = tag & TAG_TYPE_MASK;
        if (fieldNumber == 0) {
            if (wireType == WireFormat.WIRETYPE_TAIL_DELIMITER) {
                lastTag = 0;
                return 0;
            }
            throw malformed("invalid tag 0");
        }
        if (wireType == WireFormat.WIRETYPE_END_GROUP) {
            lastTag = 0;
            return 0;
        }
        lastTag = tag;
        if (schema instanceof CollectionSchema<?> || schema instanceof MapSchema<?, ?>) {
            limits.charge(1, pos - shift);
        } else if (schema instanceof ArraySchemas.Base) {
            pending = fieldNumber == 1 ? LENGTH_PENDING : NOTHING_PENDING;
        } else if (schema instanceof PolymorphicSchema) {
            // An array value: field 15 or 17 (its component type), then field 3 (its length) and
            // field 2 (its dimension count); field 2 elsewhere carries a byte.
            if (fieldNumber == OBJECT_ARRAY_LENGTH
                    && (lastPolymorphicField == ID_ARRAY || lastPolymorphicField == ID_ARRAY_MAPPED)) {
                pending = LENGTH_PENDING;
            } else if (fieldNumber == OBJECT_ARRAY_DIMENSIONS) {
                pending = SMALL_PENDING;
            }
            lastPolymorphicField = fieldNumber;
            classNamePending = fieldNumber == POJO_CLASS_NAME;
        }
        return fieldNumber;
    }

    /** Judges an integer that may be an array length or dimension count before protostuff uses it. */
    private int judged(int value) {
        int what = pending;
        pending = NOTHING_PENDING;
        if (what == LENGTH_PENDING && value > 0) {
            limits.charge(value, pos - shift);
        } else if (what == SMALL_PENDING && (value < -128 || value > 255)) {
            throw malformed("array dimensions " + value + " (expected: 1 to 255)");
        }
        return value;
    }

    @Override
    public int readInt32() {
        return judged(readRawVarint32());
    }

    @Override
    public int readUInt32() {
        return judged(readRawVarint32());
    }

    @Override
    public int readSInt32() {
        pending = NOTHING_PENDING;
        int n = readRawVarint32();
        return n >>> 1 ^ -(n & 1);
    }

    @Override
    public int readFixed32() {
        pending = NOTHING_PENDING;
        return readRawLittleEndian32();
    }

    @Override
    public int readSFixed32() {
        pending = NOTHING_PENDING;
        return readRawLittleEndian32();
    }

    @Override
    public long readInt64() {
        pending = NOTHING_PENDING;
        return readRawVarint64();
    }

    @Override
    public long readUInt64() {
        pending = NOTHING_PENDING;
        return readRawVarint64();
    }

    @Override
    public long readSInt64() {
        pending = NOTHING_PENDING;
        long n = readRawVarint64();
        return n >>> 1 ^ -(n & 1);
    }

    @Override
    public long readFixed64() {
        pending = NOTHING_PENDING;
        return readRawLittleEndian64();
    }

    @Override
    public long readSFixed64() {
        pending = NOTHING_PENDING;
        return readRawLittleEndian64();
    }

    @Override
    public float readFloat() {
        pending = NOTHING_PENDING;
        return Float.intBitsToFloat(readRawLittleEndian32());
    }

    @Override
    public double readDouble() {
        pending = NOTHING_PENDING;
        return Double.longBitsToDouble(readRawLittleEndian64());
    }

    @Override
    public boolean readBool() {
        pending = NOTHING_PENDING;
        need(1);
        return a[pos++] != 0;
    }

    @Override
    public int readEnum() {
        pending = NOTHING_PENDING;
        return readRawVarint32();
    }

    @Override
    public String readString() {
        int length = readLength();
        int from = pos;
        pos = from + length;
        if (classNamePending) {
            classNamePending = false;
            return className(a, from, length);
        }
        return new String(a, from, length, StandardCharsets.UTF_8);
    }

    /**
     * The class name in those bytes: the string handed out for the same bytes before, if they
     * are, so that the elements of a collection do not each decode and hash their class's name.
     */
    private String className(byte[] bytes, int from, int length) {
        byte[] last = classNameBytes;
        if (last != null && Arrays.equals(last, 0, last.length, bytes, from, from + length)) {
            return className;
        }
        classNameBytes = Arrays.copyOfRange(bytes, from, from + length);
        className = new String(bytes, from, length, StandardCharsets.UTF_8);
        return className;
    }

    @Override
    public ByteString readBytes() {
        return ByteString.copyFrom(readByteArray());
    }

    @Override
    public void readBytes(ByteBuffer target) {
        int length = readLength();
        if (length > target.remaining()) {
            throw malformed("byte field of " + length + " bytes for a buffer of " + target.remaining());
        }
        target.put(a, pos, length);
        pos += length;
    }

    @Override
    public byte[] readByteArray() {
        int length = readLength();
        byte[] bytes = Arrays.copyOfRange(a, pos, pos + length);
        pos += length;
        return bytes;
    }

    @Override
    public ByteBuffer readByteBuffer() {
        return ByteBuffer.wrap(readByteArray());
    }

    @Override
    public <T> T mergeObject(T value, Schema<T> schema) {
        limits.enter(pos - shift);
        T message = value == null ? schema.newMessage() : value;
        try {
            schema.mergeFrom(this, message);
        } catch (java.io.IOException e) {
            throw malformed("nested object unreadable (" + e.getClass().getName() + ")");
        }
        if (!schema.isInitialized(message) || lastTag != 0) {
            throw malformed("nested object not terminated");
        }
        limits.exit();
        return message;
    }

    @Override
    public void transferByteRangeTo(Output output, boolean utf8String, int fieldNumber, boolean repeated)
            throws java.io.IOException {
        byte[] bytes = readByteArray();
        output.writeByteRange(utf8String, fieldNumber, bytes, 0, bytes.length, repeated);
    }

    /** Reads a bytes field that a time delegate decodes in place, without copying it out. */
    <V> V readEmbedded(TimeDelegates.SecondsAndNanos<V> delegate) {
        int length = readLength();
        int from = pos;
        pos = from + length;
        return delegate.decode(a, from, from + length, shift);
    }

    private int readLength() {
        pending = NOTHING_PENDING;
        int offset = pos - shift;
        int length = readRawVarint32();
        limits.checkLength(length, limit - pos, offset);
        return length;
    }

    private void skipField(int tag) {
        switch (tag & TAG_TYPE_MASK) {
            case WireFormat.WIRETYPE_VARINT -> readRawVarint64();
            case WireFormat.WIRETYPE_FIXED64 -> skip(8);
            case WireFormat.WIRETYPE_LENGTH_DELIMITED -> skip(readLength());
            case WireFormat.WIRETYPE_START_GROUP -> skipGroup();
            case WireFormat.WIRETYPE_FIXED32 -> skip(4);
            default -> throw malformed("unknown field of wire type " + (tag & TAG_TYPE_MASK));
        }
    }

    private void skipGroup() {
        limits.enter(pos - shift);
        while (true) {
            if (pos >= limit) {
                throw malformed("message ends inside a skipped group");
            }
            int tag = readRawVarint32();
            if ((tag & TAG_TYPE_MASK) == WireFormat.WIRETYPE_END_GROUP) {
                limits.exit();
                lastTag = 0;
                return;
            }
            skipField(tag);
        }
    }

    private void skip(int count) {
        need(count);
        pos += count;
    }

    private void need(int count) {
        if (limit - pos < count) {
            throw malformed("truncated: " + count + " bytes needed");
        }
    }

    private int readRawVarint32() {
        long value = readRawVarint64();
        // protobuf writes negative int32 values as ten-byte varints; keep the low 32 bits
        return (int) value;
    }

    private long readRawVarint64() {
        byte[] b = a;
        int p = pos;
        if (limit - p >= 10) {
            // room for the longest varint: no per-byte end check
            long result = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte next = b[p++];
                result |= (long) (next & 0x7F) << shift;
                if (next >= 0) {
                    pos = p;
                    return result;
                }
            }
            pos = p;
            throw malformed("varint longer than 10 bytes");
        }
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            need(1);
            byte next = b[pos++];
            result |= (long) (next & 0x7F) << shift;
            if (next >= 0) {
                return result;
            }
        }
        throw malformed("varint longer than 10 bytes");
    }

    private int readRawLittleEndian32() {
        need(4);
        byte[] b = a;
        int p = pos;
        pos = p + 4;
        return b[p] & 0xFF | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }

    private long readRawLittleEndian64() {
        need(8);
        long low = readRawLittleEndian32() & 0xFFFF_FFFFL;
        long high = readRawLittleEndian32() & 0xFFFF_FFFFL;
        return low | high << 32;
    }

    private RpcException malformed(String what) {
        return new RpcException(ErrorCode.SERIALIZATION, what + " at body offset " + (pos - shift));
    }
}
