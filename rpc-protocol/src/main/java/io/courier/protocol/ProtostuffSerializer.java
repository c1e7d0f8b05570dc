package io.courier.protocol;

import io.courier.api.DeserializationPolicy;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.Serializer;
import io.courier.protocol.internal.BufferInputStream;
import io.courier.protocol.internal.BufferOutputStream;
import io.courier.protocol.internal.ProtostuffInput;
import io.courier.protocol.internal.ProtostuffRuntime;
import io.courier.protocol.internal.ReadLimits;
import io.courier.protocol.internal.ThrowableData;
import io.courier.protocol.internal.Throwables;
import io.courier.protocol.internal.Types;
import io.courier.protocol.internal.ValueHolder;
import io.courier.protocol.internal.Wire;
import io.courier.spi.Extension;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.protostuff.LinkedBuffer;
import io.protostuff.ProtostuffOutput;
import io.protostuff.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The default serializer ({@code protostuff}, id 1): protostuff's runtime schemas, compact and
 * fast, behind Courier's own value tags so that the common cases carry no class names.
 *
 * <pre>
 * value := tag u8, then
 *   0 null | 1 string (varint length, UTF-8) | 2 int (zigzag varint) | 3 long (zigzag varint)
 *   4 true | 5 false | 6 double (8 bytes little endian)
 *   7 object of exactly the declared class: varint length, protostuff message
 *   8 collection of exactly the declared element class: varint count, per element varint
 *     (length + 1, 0 for null) and protostuff message
 *   9 exception: varint length, protostuff message of its data (class name, message, stack, cause)
 *   10 anything else: varint length, protostuff message whose one polymorphic field names classes
 * </pre>
 *
 * <p>Every class name in the input goes through the policy before it is loaded (protostuff loads
 * classes through the thread's context class loader, which is a policy-checking loader while a
 * value is read); depth, string lengths and array lengths are checked by Courier's own protostuff
 * input before protostuff allocates. Records cannot be written (Java 17 lets no library set a
 * record's fields); use {@code hessian} or a class. A field declared with a non-final class type
 * carries an instance of exactly that class: subclass fields are not written.
 */
@Extension("protostuff")
public final class ProtostuffSerializer implements Serializer {

    /** The header id of this serializer. */
    public static final byte ID = 1;

    static final int NULL = 0;
    static final int STRING = 1;
    static final int INT = 2;
    static final int LONG = 3;
    static final int TRUE = 4;
    static final int FALSE = 5;
    static final int DOUBLE = 6;
    static final int OBJECT = 7;
    static final int OBJECTS = 8;
    static final int THROWABLE = 9;
    static final int DYNAMIC = 10;

    private static final ThreadLocal<LinkedBuffer> BUFFERS = ThreadLocal.withInitial(() -> LinkedBuffer.allocate(512));

    private final ProtostuffRuntime runtime = new ProtostuffRuntime();

    @Override
    public byte id() {
        return ID;
    }

    @Override
    public ValueWriter writer(OutputStream out) {
        return new Writer(out);
    }

    @Override
    public ValueReader reader(InputStream in, DeserializationPolicy policy) {
        return new Reader(in, policy);
    }

    private final class Writer implements ValueWriter {
        private final OutputStream stream;
        private final ByteBuf out;

        Writer(OutputStream stream) {
            this.stream = stream;
            this.out = stream instanceof BufferOutputStream direct ? direct.buffer() : Unpooled.buffer();
        }

        @Override
        public void write(Object value, Type declaredType) throws IOException {
            if (value == null) {
                out.writeByte(NULL);
                return;
            }
            Class<?> type = value.getClass();
            if (type == String.class) {
                out.writeByte(STRING);
                Wire.writeString(out, (String) value);
            } else if (type == Integer.class) {
                out.writeByte(INT);
                Wire.writeZigzag(out, (Integer) value);
            } else if (type == Long.class) {
                out.writeByte(LONG);
                writeZigzag64(out, (Long) value);
            } else if (type == Boolean.class) {
                out.writeByte((Boolean) value ? TRUE : FALSE);
            } else if (type == Double.class) {
                out.writeByte(DOUBLE);
                out.writeLongLE(Double.doubleToRawLongBits((Double) value));
            } else if (value instanceof Throwable exception) {
                out.writeByte(THROWABLE);
                message(Throwables.toData(exception), runtime.writeSchema(ThrowableData.class));
            } else if (type == Types.raw(declaredType) && Types.plainObject(type)) {
                out.writeByte(OBJECT);
                object(value, type);
            } else if (elementsAreExactly(value, Types.plainElementOf(declaredType))) {
                out.writeByte(OBJECTS);
                objects((Collection<?>) value, Types.plainElementOf(declaredType));
            } else {
                if (type.isRecord()) {
                    throw new RpcException(
                            ErrorCode.SERIALIZATION,
                            "protostuff cannot write record " + type.getName()
                                    + " (Java 17 lets no library set record fields); use the hessian serializer or a class");
                }
                out.writeByte(DYNAMIC);
                message(new ValueHolder(value), runtime.writeSchema(ValueHolder.class));
            }
        }

        @SuppressWarnings("unchecked")
        private <T> void object(Object value, Class<T> type) throws IOException {
            message((T) value, runtime.writeSchema(type));
        }

        private <T> void objects(Collection<?> values, Class<T> element) throws IOException {
            Wire.writeVarint(out, values.size());
            Schema<T> schema = runtime.writeSchema(element);
            for (Object value : values) {
                if (value == null) {
                    out.writeByte(0);
                } else {
                    message(element.cast(value), schema, 1);
                }
            }
        }

        private <T> void message(T message, Schema<T> schema) throws IOException {
            message(message, schema, 0);
        }

        /** Writes a varint (size + {@code bias}) and the message; protostuff needs the size first. */
        private <T> void message(T message, Schema<T> schema, int bias) throws IOException {
            LinkedBuffer buffer = BUFFERS.get();
            try {
                ProtostuffOutput output = new ProtostuffOutput(buffer);
                try {
                    schema.writeTo(output, message);
                } catch (RuntimeException e) {
                    throw new RpcException(
                            ErrorCode.SERIALIZATION,
                            "protostuff cannot write " + message.getClass().getName() + " (" + e + ")",
                            e);
                }
                Wire.writeVarint(out, output.getSize() + bias);
                LinkedBuffer.writeTo(new BufferOutputStream(out), buffer);
            } finally {
                buffer.clear();
            }
        }

        @Override
        public void flush() throws IOException {
            if (!(stream instanceof BufferOutputStream)) {
                try {
                    out.readBytes(stream, out.readableBytes());
                } finally {
                    out.release();
                }
            }
        }
    }

    private final class Reader implements ValueReader {
        private final ByteBuf in;
        private final DeserializationPolicy policy;
        private final ProtostuffRuntime.Reading reading;

        Reader(InputStream stream, DeserializationPolicy policy) {
            this.policy = policy;
            this.reading = runtime.reading(policy);
            ByteBuf buffer;
            if (stream instanceof BufferInputStream direct) {
                buffer = direct.buffer();
            } else {
                try {
                    buffer = Unpooled.wrappedBuffer(stream.readAllBytes());
                } catch (IOException e) {
                    throw new RpcException(ErrorCode.SERIALIZATION, "input unreadable", e);
                }
            }
            this.in = buffer;
        }

        @Override
        public Object read(Type declaredType) throws IOException {
            int offset = in.readerIndex();
            if (!in.isReadable()) {
                throw malformed("value missing", offset);
            }
            int tag = in.readUnsignedByte();
            ReadLimits limits = new ReadLimits(policy);
            return switch (tag) {
                case NULL -> null;
                case STRING -> readString(limits);
                case INT -> Wire.readZigzag(in, "int");
                case LONG -> readZigzag64(in);
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                case DOUBLE -> readDouble();
                case THROWABLE -> Throwables.fromData(message(reading.schema(ThrowableData.class), limits), policy);
                case OBJECT -> readObject(declaredType, limits, offset);
                case OBJECTS -> readObjects(declaredType, limits, offset);
                case DYNAMIC ->
                    message(reading.schema(ValueHolder.class), limits).value();
                default -> throw malformed("value tag " + tag, offset);
            };
        }

        private String readString(ReadLimits limits) {
            int offset = in.readerIndex();
            int length = Wire.readVarint(in, "string");
            limits.checkLength(length, in.readableBytes(), offset);
            String value = in.toString(in.readerIndex(), length, StandardCharsets.UTF_8);
            in.skipBytes(length);
            return value;
        }

        private Double readDouble() {
            if (in.readableBytes() < 8) {
                throw malformed("double truncated", in.readerIndex());
            }
            return Double.longBitsToDouble(in.readLongLE());
        }

        private Object readObject(Type declaredType, ReadLimits limits, int offset) {
            Class<?> type = Types.raw(declaredType);
            if (!Types.plainObject(type)) {
                throw malformed("object tag for declared type " + declaredType.getTypeName(), offset);
            }
            policy.checkClass(type.getName());
            return message(reading.schema(type), limits);
        }

        private Collection<Object> readObjects(Type declaredType, ReadLimits limits, int offset) {
            Class<?> element = Types.plainElementOf(declaredType);
            if (element == null) {
                throw malformed("collection tag for declared type " + declaredType.getTypeName(), offset);
            }
            policy.checkClass(element.getName());
            int count = Wire.readVarint(in, "collection size");
            limits.charge(count, offset);
            if (count > in.readableBytes()) {
                throw malformed("collection of " + count + " with " + in.readableBytes() + " bytes left", offset);
            }
            Collection<Object> values =
                    Types.raw(declaredType) == Set.class ? new LinkedHashSet<>(count * 2) : new ArrayList<>(count);
            Schema<?> schema = reading.schema(element);
            for (int i = 0; i < count; i++) {
                values.add(message(schema, limits, 1));
            }
            return values;
        }

        private <T> T message(Schema<T> schema, ReadLimits limits) {
            return message(schema, limits, 0);
        }

        /** Reads a varint (size + {@code bias}) and that many bytes as one message; null for 0. */
        private <T> T message(Schema<T> schema, ReadLimits limits, int bias) {
            int offset = in.readerIndex();
            int size = Wire.readVarint(in, "message size") - bias;
            if (size < 0) {
                return null;
            }
            if (size > in.readableBytes()) {
                throw malformed("message of " + size + " bytes with " + in.readableBytes() + " left", offset);
            }
            ProtostuffInput input = new ProtostuffInput(in, size, limits);
            T message = schema.newMessage();
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(reading.loader());
            try {
                schema.mergeFrom(input, message);
            } catch (IOException e) {
                throw malformed("protostuff message unreadable (" + e.getClass().getName() + ")", offset);
            } finally {
                thread.setContextClassLoader(previous);
            }
            if (!input.atEnd()) {
                throw malformed("protostuff message shorter than its size", offset);
            }
            return message;
        }
    }

    static void writeZigzag64(ByteBuf out, long value) {
        long n = value << 1 ^ value >> 63;
        while ((n & ~0x7FL) != 0) {
            out.writeByte((int) (n & 0x7F | 0x80));
            n >>>= 7;
        }
        out.writeByte((int) n);
    }

    static long readZigzag64(ByteBuf in) {
        int offset = in.readerIndex();
        long n = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!in.isReadable()) {
                throw malformed("long truncated", offset);
            }
            byte b = in.readByte();
            n |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return n >>> 1 ^ -(n & 1);
            }
        }
        throw malformed("long varint longer than 10 bytes", offset);
    }

    private static boolean elementsAreExactly(Object value, Class<?> element) {
        if (element == null || !(value instanceof Collection<?> values)) {
            return false;
        }
        Class<?> type = value.getClass();
        if (type != ArrayList.class
                && type != LinkedHashSet.class
                && !type.getName().startsWith("java.util.")) {
            return false;
        }
        for (Object item : values) {
            if (item != null && item.getClass() != element) {
                return false;
            }
        }
        return true;
    }

    private static RpcException malformed(String what, int offset) {
        return new RpcException(ErrorCode.SERIALIZATION, what + " at body offset " + offset);
    }
}
