package io.courier.protocol.internal;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.netty.buffer.ByteBuf;
import io.protostuff.ByteString;
import io.protostuff.Input;
import io.protostuff.Output;
import io.protostuff.Schema;
import io.protostuff.WireFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A protostuff {@link Input} reading group-encoded messages (the protostuff format) from a frame
 * body, with the limits protostuff lacks: nesting depth, string and byte lengths, and the element
 * budget charged with an array's declared length before protostuff allocates the array.
 *
 * <p>Protostuff reads an array length, and allocates the array, as soon as it reads the integer;
 * {@link FieldMemory} remembers the fields just read so that the integer is judged first.
 *
 * <p>A message is read from an array: the heap buffer's own, or, for a direct buffer, a copy made
 * in one move into an array the thread reuses; plain array reads cost a fraction of the buffer's
 * checked single-byte reads. {@link #begin} and {@link #end} bracket each message; {@code end}
 * moves the buffer's reader index past what was read. Error messages name offsets in the body.
 */
public final class ProtostuffInput implements Input {

    private static final int TAG_TYPE_BITS = 3;
    private static final int TAG_TYPE_MASK = 7;

    private final ByteBuf in;
    private final ReadLimits limits;
    /** The message's bytes: {@code a[pos]} is body offset {@code pos - shift}; it ends at {@code limit}. */
    private byte[] a;

    private int pos;
    private int limit;
    private int shift;
    /** The thread's copy array while this input holds it. */
    private ThreadScratch held;

    private int lastTag;
    private final FieldMemory fields;

    /** An input over {@code in}; each message is read between {@link #begin} and {@link #end}. */
    public ProtostuffInput(ByteBuf in, ReadLimits limits) {
        this.in = in;
        this.limits = limits;
        this.fields = new FieldMemory(limits);
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
        fields.reset();
    }

    private byte[] copy(int index, int length) {
        ThreadScratch scratch = ThreadScratch.take();
        if (scratch == null) {
            return ThreadScratch.copyOf(in, index, length); // a read inside a read on this thread
        }
        held = scratch;
        return scratch.fill(in, index, length);
    }

    /**
     * Ends the message: moves the buffer's reader index past the bytes read and gives the copy
     * array back. Returns whether every byte of the message was read.
     */
    public boolean end() {
        boolean atEnd = pos == limit;
        in.readerIndex(pos - shift);
        a = null;
        if (held != null) {
            held.giveBack();
            held = null;
        }
        return atEnd;
    }

    @Override
    public <T> void handleUnknownField(int fieldNumber, Schema<T> schema) {
        skipField(lastTag);
    }

    @Override
    public <T> int readFieldNumber(Schema<T> schema) {
        fields.beforeField();
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
        fields.onField(schema, fieldNumber, pos - shift);
        return fieldNumber;
    }

    /** Judges an integer that may be an array length or dimension count before protostuff uses it. */
    private int judged(int value) {
        String refusal = fields.judge(value, pos - shift);
        if (refusal != null) {
            throw malformed(refusal);
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
        fields.clear();
        int n = readRawVarint32();
        return n >>> 1 ^ -(n & 1);
    }

    @Override
    public int readFixed32() {
        fields.clear();
        return readRawLittleEndian32();
    }

    @Override
    public int readSFixed32() {
        fields.clear();
        return readRawLittleEndian32();
    }

    @Override
    public long readInt64() {
        fields.clear();
        return readRawVarint64();
    }

    @Override
    public long readUInt64() {
        fields.clear();
        return readRawVarint64();
    }

    @Override
    public long readSInt64() {
        fields.clear();
        long n = readRawVarint64();
        return n >>> 1 ^ -(n & 1);
    }

    @Override
    public long readFixed64() {
        fields.clear();
        return readRawLittleEndian64();
    }

    @Override
    public long readSFixed64() {
        fields.clear();
        return readRawLittleEndian64();
    }

    @Override
    public float readFloat() {
        fields.clear();
        return Float.intBitsToFloat(readRawLittleEndian32());
    }

    @Override
    public double readDouble() {
        fields.clear();
        return Double.longBitsToDouble(readRawLittleEndian64());
    }

    @Override
    public boolean readBool() {
        fields.clear();
        need(1);
        return a[pos++] != 0;
    }

    @Override
    public int readEnum() {
        fields.clear();
        return readRawVarint32();
    }

    @Override
    public String readString() {
        int length = readLength();
        int from = pos;
        pos = from + length;
        if (fields.takeClassName()) {
            return fields.className(a, from, length);
        }
        return new String(a, from, length, StandardCharsets.UTF_8);
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
        fields.clear();
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
