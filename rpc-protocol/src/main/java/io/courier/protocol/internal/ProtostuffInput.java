package io.courier.protocol.internal;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.netty.buffer.ByteBuf;
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

/**
 * A protostuff {@link Input} reading group-encoded messages (the protostuff format) straight from
 * a frame body, with the limits protostuff lacks: nesting depth, string and byte lengths, and the
 * element budget charged with an array's declared length before protostuff allocates the array.
 *
 * <p>Protostuff reads an array length as the integer that follows field 1 of a scalar array schema
 * or field 3 of a polymorphic array (and a dimension count after field 2); this input remembers
 * the fields just read so that it can judge the next integer before protostuff uses it.
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

    private final ByteBuf in;
    private final ReadLimits limits;
    private int limit;
    private int lastTag;
    private int pending;
    private int lastPolymorphicField;

    /** Reads the {@code length} bytes at {@code in}'s reader index. */
    public ProtostuffInput(ByteBuf in, int length, ReadLimits limits) {
        this.in = in;
        this.limits = limits;
        begin(length);
    }

    /** Starts on the next message: the {@code length} bytes at the reader index. */
    public void begin(int length) {
        limit = in.readerIndex() + length;
        lastTag = 0;
        pending = NOTHING_PENDING;
        lastPolymorphicField = 0;
    }

    /** Whether every byte of the message was consumed. */
    public boolean atEnd() {
        return in.readerIndex() == limit;
    }

    @Override
    public <T> void handleUnknownField(int fieldNumber, Schema<T> schema) {
        skipField(lastTag);
    }

    @Override
    public <T> int readFieldNumber(Schema<T> schema) {
        pending = NOTHING_PENDING;
        if (in.readerIndex() >= limit) {
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
            limits.charge(1, in.readerIndex());
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
        }
        return fieldNumber;
    }

    /** Judges an integer that may be an array length or dimension count before protostuff uses it. */
    private int judged(int value) {
        int what = pending;
        pending = NOTHING_PENDING;
        if (what == LENGTH_PENDING && value > 0) {
            limits.charge(value, in.readerIndex());
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
        return in.readByte() != 0;
    }

    @Override
    public int readEnum() {
        pending = NOTHING_PENDING;
        return readRawVarint32();
    }

    @Override
    public String readString() {
        int length = readLength();
        String value = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
        in.skipBytes(length);
        return value;
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
        ByteBuffer slice = target.duplicate();
        slice.limit(slice.position() + length);
        in.readBytes(slice);
        target.position(target.position() + length);
    }

    @Override
    public byte[] readByteArray() {
        int length = readLength();
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        return bytes;
    }

    @Override
    public ByteBuffer readByteBuffer() {
        return ByteBuffer.wrap(readByteArray());
    }

    @Override
    public <T> T mergeObject(T value, Schema<T> schema) {
        limits.enter(in.readerIndex());
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
        int length = readLength();
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        output.writeByteRange(utf8String, fieldNumber, bytes, 0, length, repeated);
    }

    /** Reads a bytes field that a time delegate decodes in place, without copying it out. */
    <V> V readEmbedded(TimeDelegates.SecondsAndNanos<V> delegate) {
        int length = readLength();
        return delegate.decode(in, in.readerIndex() + length);
    }

    private int readLength() {
        pending = NOTHING_PENDING;
        int offset = in.readerIndex();
        int length = readRawVarint32();
        limits.checkLength(length, limit - in.readerIndex(), offset);
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
        limits.enter(in.readerIndex());
        while (true) {
            if (in.readerIndex() >= limit) {
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
        in.skipBytes(count);
    }

    private void need(int count) {
        if (limit - in.readerIndex() < count) {
            throw malformed("truncated: " + count + " bytes needed");
        }
    }

    private int readRawVarint32() {
        long value = readRawVarint64();
        // protobuf writes negative int32 values as ten-byte varints; keep the low 32 bits
        return (int) value;
    }

    private long readRawVarint64() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            need(1);
            byte b = in.readByte();
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw malformed("varint longer than 10 bytes");
    }

    private int readRawLittleEndian32() {
        need(4);
        return in.readIntLE();
    }

    private long readRawLittleEndian64() {
        need(8);
        return in.readLongLE();
    }

    private RpcException malformed(String what) {
        return new RpcException(ErrorCode.SERIALIZATION, what + " at body offset " + in.readerIndex());
    }
}
