package io.courier.protocol.serialization;

import static io.courier.protocol.serialization.ProtostuffSerializer.DOUBLE;
import static io.courier.protocol.serialization.ProtostuffSerializer.DYNAMIC;
import static io.courier.protocol.serialization.ProtostuffSerializer.FALSE;
import static io.courier.protocol.serialization.ProtostuffSerializer.INT;
import static io.courier.protocol.serialization.ProtostuffSerializer.LONG;
import static io.courier.protocol.serialization.ProtostuffSerializer.NULL;
import static io.courier.protocol.serialization.ProtostuffSerializer.OBJECT;
import static io.courier.protocol.serialization.ProtostuffSerializer.OBJECTS;
import static io.courier.protocol.serialization.ProtostuffSerializer.STRING;
import static io.courier.protocol.serialization.ProtostuffSerializer.THROWABLE;
import static io.courier.protocol.serialization.ProtostuffSerializer.TRUE;

import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.serialization.ByteSource;
import io.courier.api.serialization.DeserializationPolicy;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.internal.BufferInputStream;
import io.courier.protocol.internal.ProtostuffInput;
import io.courier.protocol.internal.ProtostuffRuntime;
import io.courier.protocol.internal.ReadLimits;
import io.courier.protocol.internal.ThrowableData;
import io.courier.protocol.internal.Throwables;
import io.courier.protocol.internal.Types;
import io.courier.protocol.internal.ValueHolder;
import io.courier.protocol.internal.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.protostuff.Schema;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/** A protostuff reading session; the value layout is described on {@link ProtostuffSerializer}. */
final class ProtostuffReader implements Serializer.ValueReader {
    private final ByteBuf in;
    private final DeserializationPolicy policy;
    private final ProtostuffRuntime.Reading reading;
    private final ReadLimits limits;
    /** Made for the first message and reused for the next ones of this session. */
    private ProtostuffInput input;

    ProtostuffReader(ProtostuffRuntime runtime, ByteSource source, DeserializationPolicy policy) {
        this.policy = policy;
        this.reading = runtime.reading(policy);
        this.limits = new ReadLimits(policy);
        ByteBuf buffer;
        if (source instanceof BufferInputStream direct) {
            buffer = direct.buffer();
        } else {
            try {
                buffer = Unpooled.wrappedBuffer(source.readAllBytes());
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
        limits.reset();
        return switch (tag) {
            case NULL -> null;
            case STRING -> readString();
            case INT -> Wire.readZigzag(in, "int");
            case LONG -> Wire.readZigzag64(in, "long");
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case DOUBLE -> readDouble();
            case THROWABLE -> Throwables.fromData((ThrowableData) readMessages(tag, declaredType, offset), policy);
            case OBJECT, OBJECTS, DYNAMIC -> readMessages(tag, declaredType, offset);
            default -> throw malformed("value tag " + tag, offset);
        };
    }

    /**
     * Reads a value made of protostuff messages with the policy's loader as the context class
     * loader, once for all of its messages (protostuff loads the classes its input names there).
     */
    private Object readMessages(int tag, Type declaredType, int offset) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(reading.loader());
        try {
            return switch (tag) {
                case THROWABLE -> message(reading.schema(ThrowableData.class), 0);
                case OBJECT -> readObject(declaredType, offset);
                case OBJECTS -> readObjects(declaredType, offset);
                default -> message(reading.schema(ValueHolder.class), 0).value();
            };
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private String readString() {
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

    private Object readObject(Type declaredType, int offset) {
        Class<?> type = Types.raw(declaredType);
        if (!Types.plainObject(type)) {
            throw malformed("object tag for declared type " + declaredType.getTypeName(), offset);
        }
        reading.checkDeclared(type);
        return message(reading.schema(type), 0);
    }

    private Collection<Object> readObjects(Type declaredType, int offset) {
        Class<?> element = Types.plainElementOf(declaredType);
        if (element == null) {
            throw malformed("collection tag for declared type " + declaredType.getTypeName(), offset);
        }
        reading.checkDeclared(element);
        int count = Wire.readVarint(in, "collection size");
        limits.charge(count, offset);
        if (count > in.readableBytes()) {
            throw malformed("collection of " + count + " with " + in.readableBytes() + " bytes left", offset);
        }
        Collection<Object> values =
                Types.raw(declaredType) == Set.class ? new LinkedHashSet<>(count * 2) : new ArrayList<>(count);
        Schema<?> schema = reading.schema(element);
        for (int i = 0; i < count; i++) {
            values.add(message(schema, 1));
        }
        return values;
    }

    /**
     * Reads a varint (size + {@code bias}) and that many bytes as one message; null for 0. The
     * caller has made the policy's loader the context class loader.
     */
    private <T> T message(Schema<T> schema, int bias) {
        int offset = in.readerIndex();
        int size = Wire.readVarint(in, "message size") - bias;
        if (size < 0) {
            return null;
        }
        if (size > in.readableBytes()) {
            throw malformed("message of " + size + " bytes with " + in.readableBytes() + " left", offset);
        }
        ProtostuffInput input = this.input;
        if (input == null) {
            input = new ProtostuffInput(in, limits);
            this.input = input;
        }
        input.begin(size);
        boolean atEnd;
        T message = schema.newMessage();
        try {
            schema.mergeFrom(input, message);
        } catch (IOException e) {
            throw malformed("protostuff message unreadable (" + e.getClass().getName() + ")", offset);
        } finally {
            atEnd = input.end();
        }
        if (!atEnd) {
            throw malformed("protostuff message shorter than its size", offset);
        }
        return message;
    }

    private static RpcException malformed(String what, int offset) {
        return new RpcException(ErrorCode.SERIALIZATION, what + " at body offset " + offset);
    }
}
