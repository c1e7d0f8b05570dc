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
import io.courier.api.serialization.ByteSink;
import io.courier.api.serialization.Serializer;
import io.courier.protocol.internal.ByteBufOutput;
import io.courier.protocol.internal.ProtostuffRuntime;
import io.courier.protocol.internal.SinkVarints;
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

/**
 * A protostuff writing session; the value layout is described on {@link ProtostuffSerializer}.
 * Everything goes to the session's {@link ByteSink}: messages through {@link ByteBufOutput}, which
 * writes each as its size and one array; a string value through Netty's UTF-8 encoder into a small
 * heap buffer of the session first (the bytes this format has always had, '?' for a lone
 * surrogate).
 */
final class ProtostuffWriter implements Serializer.ValueWriter {

    private final ProtostuffRuntime runtime;
    private final ByteSink sink;
    private final ByteBufOutput output;
    /** Made for the first string value; released by {@link #flush()}. */
    private ByteBuf strings;

    ProtostuffWriter(ProtostuffRuntime runtime, ByteSink sink) {
        this.runtime = runtime;
        this.sink = sink;
        this.output = new ByteBufOutput(sink);
    }

    @Override
    public void write(Object value, Type declaredType) throws IOException {
        if (value == null) {
            sink.writeByte(NULL);
            return;
        }
        Class<?> type = value.getClass();
        if (type == String.class) {
            writeString((String) value);
        } else if (type == Integer.class) {
            sink.writeByte(INT);
            SinkVarints.writeZigzag(sink, (Integer) value);
        } else if (type == Long.class) {
            sink.writeByte(LONG);
            SinkVarints.writeZigzag64(sink, (Long) value);
        } else if (type == Boolean.class) {
            sink.writeByte((Boolean) value ? TRUE : FALSE);
        } else if (type == Double.class) {
            sink.writeByte(DOUBLE);
            long bits = Double.doubleToRawLongBits((Double) value);
            for (int shift = 0; shift < 64; shift += 8) {
                sink.writeByte((int) (bits >>> shift));
            }
        } else if (value instanceof Throwable exception) {
            sink.writeByte(THROWABLE);
            message(Throwables.toData(exception), runtime.writeSchema(ThrowableData.class));
        } else if (type == Types.raw(declaredType) && Types.plainObject(type)) {
            sink.writeByte(OBJECT);
            object(value, type);
        } else if (elementsAreExactly(value, Types.plainElementOf(declaredType))) {
            sink.writeByte(OBJECTS);
            objects((Collection<?>) value, Types.plainElementOf(declaredType));
        } else {
            if (type.isRecord()) {
                throw new RpcException(
                        ErrorCode.SERIALIZATION,
                        "protostuff cannot write record " + type.getName()
                                + " (Java 17 lets no library set record fields); use the hessian serializer or a class");
            }
            sink.writeByte(DYNAMIC);
            message(new ValueHolder(value), runtime.writeSchema(ValueHolder.class));
        }
    }

    private void writeString(String value) throws IOException {
        if (value.length() > sink.maxWritable()) {
            // every char takes at least a byte: refused before it is encoded
            throw new IndexOutOfBoundsException("string of " + value.length() + " chars exceeds the "
                    + sink.maxWritable() + " bytes the sink can still take");
        }
        ByteBuf buffer = strings;
        if (buffer == null) {
            buffer = Unpooled.buffer(Math.max(64, value.length() + 6));
            strings = buffer;
        }
        buffer.clear().writeByte(STRING);
        Wire.writeString(buffer, value);
        sink.write(buffer.array(), buffer.arrayOffset(), buffer.readableBytes());
    }

    @SuppressWarnings("unchecked")
    private <T> void object(Object value, Class<T> type) throws IOException {
        message((T) value, runtime.writeSchema(type));
    }

    private <T> void objects(Collection<?> values, Class<T> element) throws IOException {
        SinkVarints.writeVarint(sink, values.size());
        Schema<T> schema = runtime.writeSchema(element);
        for (Object value : values) {
            if (value == null) {
                sink.writeByte(0);
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
    public void flush() {
        // every value already reached the sink
        if (strings != null) {
            strings.release();
            strings = null;
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
