package io.courier.thrift.internal.schema;

import io.courier.thrift.internal.schema.ThriftType.EnumOf;
import io.courier.thrift.internal.schema.ThriftType.ListOf;
import io.courier.thrift.internal.schema.ThriftType.MapOf;
import io.courier.thrift.internal.schema.ThriftType.Scalar;
import io.courier.thrift.internal.schema.ThriftType.StructOf;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TList;
import org.apache.thrift.protocol.TMap;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolException;
import org.apache.thrift.protocol.TProtocolUtil;
import org.apache.thrift.protocol.TSet;
import org.apache.thrift.protocol.TType;

/**
 * Reads Java values of a derived schema from a Thrift protocol. Fields the schema does not know are
 * skipped, as Thrift's evolution rules say, no deeper than the depth limit; a field whose wire type is
 * not the schema's is refused, and so is nesting past the limit (a struct inside a list inside a struct
 * counts three). The protocol bounds strings and containers by the bytes its frame holds. Stateless.
 */
public final class ValueReader {

    private final int maxDepth;

    /** @param maxDepth the deepest nesting of structs, lists and maps a message may have */
    public ValueReader(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /** Reads one struct of {@code shape}: for a function's arguments, the {@code Object[]} of them. */
    public Object readStruct(TProtocol in, StructShape shape) throws TException {
        return struct(in, shape, 1);
    }

    private Object struct(TProtocol in, StructShape shape, int depth) throws TException {
        checkDepth(depth);
        Object[] values = new Object[shape.fields().size()];
        in.readStructBegin();
        while (true) {
            TField field = in.readFieldBegin();
            if (field.type == TType.STOP) {
                break;
            }
            int position = shape.position(field.id);
            if (position < 0) {
                TProtocolUtil.skip(in, field.type, maxDepth - depth + 1);
            } else {
                FieldShape known = shape.fields().get(position);
                if (known.type().ttype() != field.type) {
                    throw new TProtocolException(
                            TProtocolException.INVALID_DATA,
                            shape.name() + "." + known.name() + ": wire type " + field.type + " (expected: "
                                    + known.type().idl() + ")");
                }
                values[position] = value(in, known.type(), depth);
            }
            in.readFieldEnd();
        }
        in.readStructEnd();
        for (int i = 0; i < values.length; i++) {
            FieldShape field = shape.fields().get(i);
            if (values[i] == null && field.javaPrimitive()) {
                values[i] = Primitives.zero(field.type());
            }
        }
        try {
            return shape.create(values);
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new TProtocolException(TProtocolException.INVALID_DATA, shape + ": " + e.getMessage());
        }
    }

    private Object value(TProtocol in, ThriftType type, int depth) throws TException {
        if (type instanceof Scalar scalar) {
            return scalar(in, scalar);
        }
        if (type instanceof EnumOf enumOf) {
            // a number this side does not know reads as null, as an unset field would
            return enumOf.shape().constants().get(in.readI32());
        }
        if (type instanceof StructOf struct) {
            return struct(in, struct.shape(), depth + 1);
        }
        if (type instanceof ListOf list) {
            return list(in, list, depth + 1);
        }
        return map(in, (MapOf) type, depth + 1);
    }

    private static Object scalar(TProtocol in, Scalar scalar) throws TException {
        return switch (scalar.kind()) {
            case BOOL -> in.readBool();
            case BYTE -> in.readByte();
            case I16 -> in.readI16();
            case I32 -> in.readI32();
            case I64 -> in.readI64();
            case FLOAT -> (float) in.readDouble();
            case DOUBLE -> in.readDouble();
            case STRING -> in.readString();
            case BINARY -> bytes(in.readBinary());
        };
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private Object list(TProtocol in, ListOf list, int depth) throws TException {
        checkDepth(depth);
        int size;
        byte elementType;
        if (list.set()) {
            TSet header = in.readSetBegin();
            size = header.size;
            elementType = header.elemType;
        } else {
            TList header = in.readListBegin();
            size = header.size;
            elementType = header.elemType;
        }
        if (size > 0 && elementType != list.element().ttype()) {
            throw new TProtocolException(
                    TProtocolException.INVALID_DATA, "a " + list.idl() + " of wire type " + elementType);
        }
        Object result;
        if (list.arrayType() != null) {
            result = Array.newInstance(list.arrayType().getComponentType(), size);
            for (int i = 0; i < size; i++) {
                Array.set(result, i, value(in, list.element(), depth));
            }
        } else {
            @SuppressWarnings("unchecked")
            Collection<Object> values = (Collection<Object>) list.container().get();
            for (int i = 0; i < size; i++) {
                values.add(value(in, list.element(), depth));
            }
            result = values;
        }
        if (list.set()) {
            in.readSetEnd();
        } else {
            in.readListEnd();
        }
        return result;
    }

    private Object map(TProtocol in, MapOf map, int depth) throws TException {
        checkDepth(depth);
        TMap header = in.readMapBegin();
        if (header.size > 0
                && (header.keyType != map.key().ttype()
                        || header.valueType != map.value().ttype())) {
            throw new TProtocolException(
                    TProtocolException.INVALID_DATA,
                    "a " + map.idl() + " of wire types " + header.keyType + ", " + header.valueType);
        }
        @SuppressWarnings("unchecked")
        Map<Object, Object> values = (Map<Object, Object>) map.container().get();
        for (int i = 0; i < header.size; i++) {
            Object key = value(in, map.key(), depth);
            values.put(key, value(in, map.value(), depth));
        }
        in.readMapEnd();
        return values;
    }

    private void checkDepth(int depth) throws TProtocolException {
        if (depth > maxDepth) {
            throw new TProtocolException(
                    TProtocolException.DEPTH_LIMIT, "nested deeper than " + maxDepth + " (courier.thrift.max-depth)");
        }
    }
}
