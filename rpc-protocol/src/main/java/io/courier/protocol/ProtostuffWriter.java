package io.courier.protocol;

import static io.courier.protocol.ProtostuffSerializer.DOUBLE;
import static io.courier.protocol.ProtostuffSerializer.DYNAMIC;
import static io.courier.protocol.ProtostuffSerializer.FALSE;
import static io.courier.protocol.ProtostuffSerializer.INT;
import static io.courier.protocol.ProtostuffSerializer.LONG;
import static io.courier.protocol.ProtostuffSerializer.NULL;
import static io.courier.protocol.ProtostuffSerializer.OBJECT;
import static io.courier.protocol.ProtostuffSerializer.OBJECTS;
import static io.courier.protocol.ProtostuffSerializer.STRING;
import static io.courier.protocol.ProtostuffSerializer.THROWABLE;
import static io.courier.protocol.ProtostuffSerializer.TRUE;

import io.courier.api.ByteSink;
import io.courier.api.ErrorCode;
import io.courier.api.RpcException;
import io.courier.api.Serializer;
import io.courier.protocol.internal.BufferOutputStream;
import io.courier.protocol.internal.ByteBufOutput;
import io.courier.protocol.internal.ProtostuffRuntime;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;

/** A protostuff writing session; the value layout is described on {@link ProtostuffSerializer}. */
final class ProtostuffWriter implements Serializer.ValueWriter {

    private final ProtostuffRuntime runtime;
    private final ByteSink sink;
    private final ByteBuf out;
    private final ByteBufOutput output;

    ProtostuffWriter(ProtostuffRuntime runtime, ByteSink sink) {
        this.runtime = runtime;
        this.sink = sink;
        // protostuff writes each message's length prefix in place: straight into the frame buffer
        // when the sink is the protocol's, else into a buffer copied to the sink on flush
        this.out = sink instanceof BufferOutputStream direct ? direct.buffer() : Unpooled.buffer();
        this.output = new ByteBufOutput(out);
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
            Wire.writeZigzag64(out, (Long) value);
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
        try {
            output.writeMessage(message, schema, bias);
        } catch (IndexOutOfBoundsException | RpcException e) {
            // the frame's maximum size (reported as such by the request writer) and Courier's own refusals
            throw e;
        } catch (RuntimeException e) {
            throw new RpcException(
                    ErrorCode.SERIALIZATION,
                    "protostuff cannot write " + message.getClass().getName() + " (" + e + ")",
                    e);
        }
    }

    @Override
    public void flush() throws IOException {
        if (!(sink instanceof BufferOutputStream)) {
            try {
                out.readBytes(sink, out.readableBytes());
            } finally {
                out.release();
            }
        }
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
}
